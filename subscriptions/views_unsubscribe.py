from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .emails import read_unsubscribe_token
from .services import unsubscribe as unsubscribe_member


@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" with no session; the token is the proof.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One click from an email, without signing in: GET asks to confirm,
    POST stops all email. A tampered or expired link is refused."""
    member = read_unsubscribe_token(token)
    if member is None:
        return render(request, "pages/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        unsubscribe_member(member)
        return render(request, "pages/unsubscribe_done.html", {"email": member.email})
    return render(request, "pages/unsubscribe_confirm.html", {"email": member.email})
