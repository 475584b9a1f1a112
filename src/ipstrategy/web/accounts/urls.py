from django.urls import path

from ipstrategy.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("unlock/", views.unlock, name="unlock"),
    path("", views.accounts_list, name="list"),
]
