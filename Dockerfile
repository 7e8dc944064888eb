# The bot as a service: a static binary (the bundled corpus and the offline
# embedder are compiled in), pdftotext for PDFs, a non-root user, and a
# volume for the index.
#
#   docker build -t newsroom-bot .
#   docker run --rm -v newsroom-data:/data -v /srv/newsroom-docs:/corpus:ro \
#     -e BOT_CORPUS=/corpus -e SLACK_BOT_TOKEN_FILE=/run/secrets/slack_bot_token \
#     -e SLACK_APP_TOKEN_FILE=/run/secrets/slack_app_token newsroom-bot
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/bot ./cmd/bot

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends poppler-utils ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin bot \
 && mkdir -p /data && chown bot /data
COPY --from=build /out/bot /usr/local/bin/bot
USER bot
ENV BOT_DATA_DIR=/data BOT_LISTEN=:3000 BOT_LOG_LEVEL=info
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD ["/usr/local/bin/bot", "probe", "http://127.0.0.1:3000/healthz"]
ENTRYPOINT ["/usr/local/bin/bot"]
CMD ["serve"]
