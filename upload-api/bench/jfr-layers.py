#!/usr/bin/env python3
"""Where a Flight Recorder profile's CPU samples go, by layer, counting whole stacks.

Usage: upload-api/bench/jfr-layers.py file.jfr [--skip=0.5] [--layer='name=regex' ...]

Prints, for each layer, the share of execution samples with at least one frame of that layer
anywhere on the stack (so the shares overlap: a layer that calls another counts both). --skip
drops that fraction of the earliest samples (the cold start, when the benchmark recorded it).
Stacks are read with `jfr print --stack-depth 300`: jfr's default prints 5 frames per stack.
"""
import argparse
import re
import subprocess
import sys

LAYERS = [
    ("Spring Security", r"^org\.springframework\.security\."),
    ("  its firewall", r"StrictServerWebExchangeFirewall"),
    ("  its header writers / ours", r"ServerHttpHeadersWriter|web\.security\.SecurityHeaders"),
    ("  its observation decorator", r"ObservationWebFilterChainDecorator"),
    ("  its bearer-token converter", r"ServerBearerTokenAuthenticationConverter"),
    ("WebFlux annotated handler", r"org\.springframework\.web\.reactive\.(result|DispatcherHandler)"),
    ("  reading the body", r"AbstractMessageReaderArgumentResolver"),
    ("Jackson", r"^(com\.fasterxml|tools\.jackson)\."),
    ("  encoding the answer", r"AbstractJacksonEncoder"),
    ("SigV4 signing (UploadUrlSigner)", r"UploadUrlSigner\.presignPut"),
    ("  the SDK's signer", r"HttpSigner\.sign"),
    ("observation", r"^io\.micrometer\.observation\."),
    ("tracing", r"^(io\.micrometer\.tracing|io\.opentelemetry)\."),
    ("metrics", r"^io\.micrometer\.core\."),
    ("our presign code", r"^com\.vehiclephotos\."),
    ("Logback", r"^ch\.qos\.logback\."),
]


def samples(jfr):
    text = subprocess.run(
        ["jfr", "print", "--stack-depth", "300", "--events", "jdk.ExecutionSample", jfr],
        check=True, capture_output=True, text=True).stdout
    found = []
    for event in text.split("jdk.ExecutionSample {")[1:]:
        start = re.search(r"startTime = (\S+)", event)
        frames = re.findall(r"^\s+([\w$.<>]+)\(", event, re.M)
        found.append((start.group(1) if start else "", frames))
    found.sort()
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("jfr")
    parser.add_argument("--skip", type=float, default=0.5)
    parser.add_argument("--layer", action="append", default=[], help="name=regex, added to the list")
    args = parser.parse_args()
    layers = LAYERS + [tuple(layer.split("=", 1)) for layer in args.layer]
    all_samples = samples(args.jfr)
    kept = all_samples[int(len(all_samples) * args.skip):]
    if not kept:
        sys.exit("no execution samples in " + args.jfr)
    print(f"{len(kept)} samples (the first {args.skip:.0%} of {len(all_samples)} skipped)")
    for name, pattern in layers:
        regex = re.compile(pattern)
        hits = sum(1 for _, frames in kept if any(regex.search(f) for f in frames))
        print(f"{100 * hits / len(kept):5.1f}%  {name}")


if __name__ == "__main__":
    main()
