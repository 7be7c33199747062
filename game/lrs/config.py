"""Which LRS, with which credentials, naming trainees how: from flags, the environment and the settings.

Flags win over the environment, which wins over the settings. Credentials come only from a flag
or `RAPPORT_LRS_AUTH`: the settings file never holds a password.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from game.lrs.client import LrsClient, parse_auth, xapi_base
from game.lrs.profile import DEFAULT_HOME_PAGE, Identity
from game.settings import Settings

URL_VARIABLE, AUTH_VARIABLE, SALT_VARIABLE = "RAPPORT_LRS_URL", "RAPPORT_LRS_AUTH", "RAPPORT_LRS_SALT"


class ConfigError(Exception):
    """A setting that cannot be used (no URL, malformed credentials, no salt); one line."""


def client_for(
    url: str | None, auth: str | None, settings: Settings, environ: Mapping[str, str] = os.environ
) -> LrsClient:
    chosen = url or environ.get(URL_VARIABLE) or settings.lrs_url
    if not chosen:
        raise ConfigError(f"no LRS given: pass --lrs URL, set {URL_VARIABLE}, or set one in the game's settings")
    try:
        base = xapi_base(chosen)
        credentials = auth if auth is not None else environ.get(AUTH_VARIABLE)
        pair = parse_auth(credentials) if credentials else None
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return LrsClient(base, pair)


def identity_for(settings: Settings, pseudonymise: bool = False, environ: Mapping[str, str] = os.environ) -> Identity:
    home_page = settings.lrs_home_page or DEFAULT_HOME_PAGE
    parts = urlsplit(home_page)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"the settings' LRS home page '{home_page[:80]}' is not an http(s) URL")
    salt = None
    if pseudonymise or settings.lrs_pseudonymise:
        salt = environ.get(SALT_VARIABLE) or settings.lrs_salt
        if not salt:
            raise ConfigError(f"--pseudonymise needs a salt: set {SALT_VARIABLE} (or lrs_salt in the settings)")
    return Identity(home_page, salt, settings.lrs_send_typed)
