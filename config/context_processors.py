from django.conf import settings


def site(request):
    """Values every template needs: the site's name and whether it is right to left."""
    return {"SITE_NAME": settings.SITE_NAME}
