# llmsec gateway image: build on Debian 12 with the project's own setup script, run slim.
FROM debian:12 AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/
RUN scripts/install-deps.sh && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DLLMSEC_BUILD_TESTS=OFF \
 && cmake --build /build -j2 --target llmsec

FROM debian:12-slim
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends ca-certificates libre2-9 libvectorscan5 libicu72 \
      libyaml-cpp0.7 libboost-json1.81.0 libssl3 libprometheus-cpp-core1.0 libhiredis0.14 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 llmsec
COPY --from=build /build/llmsec /opt/llmsec/llmsec
COPY config /opt/llmsec/config
USER llmsec
EXPOSE 8080 9090
ENTRYPOINT ["/opt/llmsec/llmsec"]
CMD ["serve", "--listen", "0.0.0.0:8080", "--admin", "0.0.0.0:9090"]
