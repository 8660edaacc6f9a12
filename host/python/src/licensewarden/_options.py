"""The defaults every host shares (tests/options.json), in seconds."""

from __future__ import annotations

#: How often the key is looked for again (a renewed key file is picked up); 0: never.
RELOAD_INTERVAL = 10.0
#: How often the access policy file's time, size and inode are compared; 0: never.
ACCESS_RELOAD_INTERVAL = 30.0
#: How long one request to the license server may take.
TIMEOUT = 10.0
#: How long middleware waits for a device's first online check.
FIRST_CHECK_WAIT = 10.0

#: By the names tests/options.json gives them.
DEFAULTS = {
    "reload_interval": RELOAD_INTERVAL,
    "access_reload_interval": ACCESS_RELOAD_INTERVAL,
    "OnlineSettings.timeout": TIMEOUT,
    "FIRST_CHECK_WAIT": FIRST_CHECK_WAIT,
}
