# One image per service, from the jar `./mvnw -DskipTests package` built (compose passes MODULE):
#   ./mvnw -DskipTests package && docker compose up -d --build
# Boot's layered jar is extracted so that dependencies (rarely changing) and the application
# (every commit) are separate image layers.
FROM eclipse-temurin:17-jre AS extract
ARG MODULE
WORKDIR /build
COPY ${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
# media-processor passes libturbojpeg-java (libjpeg-turbo's DCT-domain scaling, its fast path) and libheif
# with its decoder plugins (HEIC, HEIF, AVIF).
ARG APT_PACKAGES=""
RUN if [ -n "$APT_PACKAGES" ]; then apt-get update && apt-get install -y --no-install-recommends $APT_PACKAGES \
      && rm -rf /var/lib/apt/lists/*; fi \
    && useradd --system --uid 10001 --home-dir /app app
WORKDIR /app
COPY --from=extract /build/extracted/dependencies/ ./
COPY --from=extract /build/extracted/spring-boot-loader/ ./
COPY --from=extract /build/extracted/snapshot-dependencies/ ./
COPY --from=extract /build/extracted/application/ ./
USER app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
