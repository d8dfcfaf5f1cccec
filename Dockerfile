# Build: restore and publish in the SDK image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig StudyBot.sln ./
COPY src/ src/
COPY config/ config/
RUN dotnet publish src/StudyBot/StudyBot.csproj -c Release -o /app --no-self-contained

# Run: the ASP.NET runtime (the Discord HTTP-interactions endpoint uses Kestrel), as the image's non-root user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV STUDYBOT_DATABASE__PATH=/data/studybot.db \
    DOTNET_gcServer=0
RUN mkdir -p /data && chown app:app /data
VOLUME ["/data"]
USER app
ENTRYPOINT ["dotnet", "studybot.dll"]
