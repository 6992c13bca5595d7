"""The languages of the public pages (booking portal, kiosk) and how such a page picks one.

One mechanism for all of them: the language comes from the `?lang=` parameter of the URL, and
the paths in settings.LOTSE_MULTILINGUAL_PATHS may speak every portal language (elsewhere
lotse.core.middleware.StaffLanguageMiddleware keeps staff pages German or English). The portal
also remembers the choice in the language cookie for the person's own phone; the kiosk is a
shared device and does not (see onsite_views.device_view).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.utils import translation

from lotse.appointments.models import PORTAL_LANGUAGES

PARAMETER = "lang"
SOURCE_LANGUAGE = "de"
RTL = frozenset({"ar", "fa"})
# The languages staff translate Anliegen and location notes into (German is the original).
TRANSLATION_LANGUAGES = tuple(code for code in PORTAL_LANGUAGES if code != SOURCE_LANGUAGE)


def requested(request: HttpRequest) -> str | None:
    """The portal language named in the URL, or None (missing or not a portal language)."""
    code = request.GET.get(PARAMETER, "")
    return code if code in PORTAL_LANGUAGES else None


def activate(request: HttpRequest, code: str) -> None:
    translation.activate(code)
    request.LANGUAGE_CODE = code


def current() -> str:
    """The active language if it is a portal language, else German."""
    code = translation.get_language() or SOURCE_LANGUAGE
    return code if code in PORTAL_LANGUAGES else SOURCE_LANGUAGE


def direction(code: str) -> str:
    return "rtl" if code in RTL else "ltr"


def staff_name(code: str) -> str:
    """The language's name for staff pages ("Arabisch"; "Arabic" in English)."""
    return str(dict(settings.LANGUAGES)[code])


def local_name(code: str) -> str:
    """The language's name in itself ("العربيّة", "Українська"): what a speaker looks for."""
    return str(translation.get_language_info(code)["name_local"])


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool

    @property
    def rtl(self) -> bool:
        return self.code in RTL

    @property
    def dir(self) -> str:
        return direction(self.code)


def links(path: str, current_code: str, query: QueryDict | None = None) -> list[LanguageLink]:
    """One link per portal language to `path`, keeping the other query parameters."""
    params = query.copy() if query is not None else QueryDict(mutable=True)
    result = []
    for code in PORTAL_LANGUAGES:
        params[PARAMETER] = code
        result.append(
            LanguageLink(
                code=code,
                name=local_name(code),
                url=f"{path}?{params.urlencode()}",
                current=code == current_code,
            )
        )
    return result
