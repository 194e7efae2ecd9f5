from django.http import HttpResponse
from django.urls import re_path


def hello(request):
    return HttpResponse(b"hello")


# Every path: bench/pages.py requests the bare project at the hub page's own address.
urlpatterns = [re_path(r"", hello)]
