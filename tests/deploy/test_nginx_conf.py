"""The production nginx file, as installed: inside Debian's nginx.conf, it passes `nginx -t`."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_CONF = ROOT / "deploy" / "nginx" / "clicksafe.conf"
DEBIAN_CONF = Path("/etc/nginx/nginx.conf")
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
OPENSSL = shutil.which("openssl")

pytestmark = [
    pytest.mark.deploy,
    pytest.mark.skipif(
        NGINX is None, reason="nginx is not installed (`make test` installs Debian's nginx-light)"
    ),
]

# What Debian's nginx.conf sets at `http` level, where the site file is included: the site file
# must not repeat these there (a "duplicate" error) but set its own inside `server`.
DEBIAN_LIKE = """\
events {{ worker_connections 768; }}
http {{
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    access_log {tmp}/access.log;
    error_log {tmp}/error.log;
    gzip on;
    include {site};
}}
"""


@pytest.mark.skipif(OPENSSL is None, reason="openssl is not installed (for a test certificate)")
def test_the_site_file_passes_nginx_t_inside_debians_nginx_conf(tmp_path):
    subprocess.run(
        [
            *(OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=clicksafe.example"),
            *("-keyout", tmp_path / "key.pem", "-out", tmp_path / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    site = PRODUCTION_CONF.read_text()
    # The placeholders are marked for whoever installs the file.
    assert site.count("REPLACE") >= 3
    site = site.replace(
        "/etc/letsencrypt/live/clicksafe.example/fullchain.pem", str(tmp_path / "cert.pem")
    )
    site = site.replace(
        "/etc/letsencrypt/live/clicksafe.example/privkey.pem", str(tmp_path / "key.pem")
    )
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    assert "/etc/letsencrypt" not in site
    (tmp_path / "clicksafe.conf").write_text(site)

    if DEBIAN_CONF.exists():  # the real one, with its sites-enabled/ include pointing here
        main = DEBIAN_CONF.read_text()
        main, included = re.subn(
            r"include /etc/nginx/sites-enabled/\*;", f"include {tmp_path}/clicksafe.conf;", main
        )
        assert included == 1
        main = main.replace("/var/log/nginx/", f"{tmp_path}/")
    else:
        main = DEBIAN_LIKE.format(tmp=tmp_path, site=tmp_path / "clicksafe.conf")
    (tmp_path / "nginx.conf").write_text(main)

    checked = subprocess.run(
        [NGINX, "-t", "-c", tmp_path / "nginx.conf", "-e", tmp_path / "startup.log"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    # Not even a warning (a MIME type named twice, a directive out of place), except the one
    # about Debian's `user www-data` when the tests do not run as root.
    warnings = [
        line
        for line in checked.stderr.splitlines()
        if "[warn]" in line and '"user" directive' not in line
    ]
    assert warnings == []
