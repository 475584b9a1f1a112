from django.urls import path

from ipstrategy.web.accounts import token_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("unlock/", views.unlock, name="unlock"),
    path("tokens/", token_views.tokens_page, name="tokens"),
    path("tokens/<int:token_id>/revoke/", token_views.token_revoke_view, name="token-revoke"),
    path("", views.accounts_list, name="list"),
]
