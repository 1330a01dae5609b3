# newsmon daemon image: `newsmon run` as a non-root user, data in the /data volume.
#   docker build -t newsmon .
#   docker run -d --name newsmon -p 127.0.0.1:8080:8080 -v newsmon-data:/data \
#     -v "$PWD/config.yaml:/etc/newsmon/config.yaml:ro" --env-file newsmon.env newsmon
# The config must set data_dir: /data and web.host: 0.0.0.0 (a login is then required: set
# NEWSMON_ADMIN_PASSWORD or web.users). Publish the port on 127.0.0.1 or behind a TLS reverse proxy.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    NEWSMON_CONFIG=/etc/newsmon/config.yaml

RUN groupadd --system --gid 10001 newsmon \
    && useradd --system --uid 10001 --gid newsmon --home-dir /data --shell /usr/sbin/nologin newsmon \
    && install -d -o newsmon -g newsmon -m 0750 /data /etc/newsmon

WORKDIR /opt/newsmon
COPY pyproject.toml README.md ./
COPY service ./service
COPY classifiers ./classifiers
COPY service/config.yaml /etc/newsmon/config.yaml
RUN pip install .

USER newsmon
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=60s --timeout=10s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=8).status != 200)"]
# exec form: newsmon is PID 1 and receives SIGTERM from `docker stop` (stops within the timeout).
STOPSIGNAL SIGTERM
CMD ["newsmon", "run"]
