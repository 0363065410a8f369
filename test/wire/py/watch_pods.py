# Driven by test/wire/python.test.ts: the official Python client's watch.stream against the playground
# cluster. Mode "events" prints one line per event until a pod named "stop" appears; mode "gone" watches
# from a given (compacted) resourceVersion and prints how the client reacts to the 410.
import sys
from kubernetes import client, config, watch

config.load_kube_config(config_file=sys.argv[1])
v1 = client.CoreV1Api()
w = watch.Watch()
mode = sys.argv[2]
if mode == "events":
    print("watching", flush=True)
    for ev in w.stream(v1.list_namespaced_pod, "default", timeout_seconds=30):
        o = ev["object"]
        print(ev["type"], o.metadata.name, o.metadata.resource_version, flush=True)
        if o.metadata.name == "stop":
            w.stop()
    print("ended", flush=True)
elif mode == "gone":
    try:
        # No timeout_seconds here: with one, the client never retries (watch.py: "Do not attempt retries
        # if user specifies a timeout").
        for ev in w.stream(v1.list_namespaced_pod, "default", resource_version=sys.argv[3]):
            print(ev["type"], ev["object"].metadata.name, flush=True)
        print("ended", flush=True)
    except client.exceptions.ApiException as e:
        print("ApiException", e.status, flush=True)
