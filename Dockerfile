# syntax=docker/dockerfile:1
# CpTraining web app. Build:  docker compose build   (or: docker build -t cptraining .)
#
# Stage 1 builds with the .NET 10 SDK image. Stage 2 is Debian 12 with the ASP.NET Core 10
# runtime copied from the official aspnet:10.0 image: the PDF reports are printed by Chromium
# (/usr/bin/chromium via Playwright), and .NET 10's aspnet images are Ubuntu 24.04, where
# "chromium" is only a snap stub that cannot run in a container. Debian 12 + its chromium
# package is also the combination the tests run on.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,id=cptraining-nuget,target=/root/.nuget/packages \
    dotnet publish src/CpTraining.Web/CpTraining.Web.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS aspnet

FROM debian:bookworm-slim AS final
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates libicu72 libssl3 libstdc++6 tzdata zlib1g \
        chromium fonts-noto-cjk fonts-noto-core fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY --from=aspnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
    && groupadd --gid 1654 app \
    && useradd --uid 1654 --gid app --create-home --shell /bin/false app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_NOLOGO=true
WORKDIR /app
COPY --from=build /app/publish .
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "CpTraining.Web.dll"]
