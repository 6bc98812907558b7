"""Turns the generator's output into the least span code any design that writes a span per traced
method must compile: the interceptor floor (attributes, one method per target) plus each method's
descriptor and a body that starts the span, forwards the call and ends the span (`using`), with no
exception recording, tags or helpers. Fed to the discovery floor's generator (run.sh), it measures
discovery plus the cheapest span body: the floor under issue 10's build-time targets.
Only the benchmark project's shape (`int OpN(int x)` instance methods) is rewritten; anything else fails."""
import re
import sys

source, target = sys.argv[1], sys.argv[2]
text = open(source).read()
body = re.compile(
    r"\{\n(\s*)var span = (\S+)\.Start\(\);\n\s*try\n\s*\{\n\s*return (@this\.\w+\(x\));\n"
    r"\s*\}\n\s*catch [^\n]*\n\s*\{\n\s*throw;\n\s*\}\n\s*finally\n\s*\{\n\s*global::Instrumentation\.TracedCall\.End\(span\);\n\s*\}\n(\s*)\}")
text, count = body.subn(lambda m: f"{{\n{m.group(1)}using var span = {m.group(2)}.Start();\n{m.group(1)}return {m.group(3)};\n{m.group(4)}}}", text)
if count == 0 or "TracedCall.Fail" in text:
    sys.exit(f"span_floor.py: rewrote {count} bodies, and some remain; the generated code's shape changed")
open(target, "w").write(text)
