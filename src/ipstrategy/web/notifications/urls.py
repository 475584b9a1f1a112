from django.urls import path

from ipstrategy.web.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notifications_page, name="list"),
    path("read/", views.notifications_mark_read, name="read"),
    path("language/", views.language_choose, name="language"),
]
