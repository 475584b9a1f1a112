from django.urls import path

from ipstrategy.web.accounts import people_views, token_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("unlock/", views.unlock, name="unlock"),
    path("tokens/", token_views.tokens_page, name="tokens"),
    path("tokens/<int:token_id>/revoke/", token_views.token_revoke_view, name="token-revoke"),
    path("<int:user_id>/", people_views.account_edit, name="edit"),
    path("<int:user_id>/active/", people_views.account_active, name="active"),
    path("<int:user_id>/reset/", people_views.account_reset, name="reset"),
    path("reset/<uidb64>/<token>/", people_views.reset_confirm, name="reset-confirm"),
    path("reset/done/", people_views.reset_done, name="reset-done"),
    path("", views.accounts_list, name="list"),
]
