/**
 * The URL and the url.Error a request that got no HTTP answer reports, as client-go's REST client and
 * Go's net/http write them. The expected strings were printed by Go 1.26 (url.Values.Encode,
 * url.QueryEscape, time.Duration.String, url.Error.Error) for the same inputs; the queries follow
 * client-go v0.37.2 (tools/pager defaultPageSize 500, reflector.go relistResourceVersion, gentype
 * List/Watch `.Timeout`, rest/request.go URL()).
 */
import { describe, expect, it } from "vitest";
import { ApiServer, Scheduler, SharedIndexInformer, type Pod } from "../../../src/index.js";
import { goDuration, queryEscape, requestURL, urlError } from "../../../src/apiserver/request-url.js";
import { RESOURCES } from "../../../src/apiserver/resources.js";
import { pod } from "./helpers.js";

const pods = RESOURCES["pods"]!;

describe("requestURL", () => {
  it("the reflector's lists: the first (RV 0, a page of 500), after a 410 (RV \"\"), and a relist at the last RV (unpaged)", () => {
    expect(requestURL(pods, { resourceVersion: "0", limit: 500 }, false)).toBe("https://10.96.0.1:443/api/v1/pods?limit=500&resourceVersion=0");
    expect(requestURL(pods, { resourceVersion: "", limit: 500 }, false)).toBe("https://10.96.0.1:443/api/v1/pods?limit=500");
    expect(requestURL(pods, { resourceVersion: "123" }, false)).toBe("https://10.96.0.1:443/api/v1/pods?resourceVersion=123");
  });

  it("a watch: bookmarks, RV, Go's `timeout` duration beside timeoutSeconds, watch=true; a watch-list stream", () => {
    expect(requestURL(pods, { resourceVersion: "5", allowWatchBookmarks: true, timeoutSeconds: 423 }, true))
      .toBe("https://10.96.0.1:443/api/v1/pods?allowWatchBookmarks=true&resourceVersion=5&timeout=7m3s&timeoutSeconds=423&watch=true");
    expect(requestURL(pods, { resourceVersion: "", resourceVersionMatch: "NotOlderThan", sendInitialEvents: true, allowWatchBookmarks: true, timeoutSeconds: 300 }, true))
      .toBe("https://10.96.0.1:443/api/v1/pods?allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&sendInitialEvents=true&timeout=5m0s&timeoutSeconds=300&watch=true");
  });

  it("paths: a namespace for namespaced resources only, /apis/<group>/<version> outside the core group; selectors and continue escaped", () => {
    expect(requestURL(pods, { namespace: "shop", labelSelector: "app=web,tier in (a b)", limit: 500, resourceVersion: "0" }, false))
      .toBe("https://10.96.0.1:443/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb%2Ctier+in+%28a+b%29&limit=500&resourceVersion=0");
    expect(requestURL(RESOURCES["nodes"]!, { namespace: "shop" }, false)).toBe("https://10.96.0.1:443/api/v1/nodes");
    expect(requestURL(RESOURCES["deployments"]!, { continue: "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTB9==", limit: 500 }, false))
      .toBe("https://10.96.0.1:443/apis/apps/v1/deployments?continue=eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTB9%3D%3D&limit=500");
  });

  it("Go's QueryEscape, Duration.String and url.Error", () => {
    expect(queryEscape("ü ~-_.!*'()")).toBe("%C3%BC+~-_.%21%2A%27%28%29");
    expect([0, 45, 300, 423, 599, 3600, 3723].map(goDuration)).toEqual(["0s", "45s", "5m0s", "7m3s", "9m59s", "1h0m0s", "1h2m3s"]);
    expect(urlError("https://10.96.0.1:443/api/v1/pods?limit=500&resourceVersion=0", "dial tcp 10.96.0.1:443: i/o timeout"))
      .toBe('Get "https://10.96.0.1:443/api/v1/pods?limit=500&resourceVersion=0": dial tcp 10.96.0.1:443: i/o timeout');
  });
});

describe("a ListerWatcher request without an HTTP answer", () => {
  it("a refused first list reaches the watch error handler as client-go's: failed to list *v1.Pod: Get \"…?limit=500&resourceVersion=0\": …", () => {
    const s = new Scheduler({ seed: 1 });
    const server = new ApiServer(s, {});
    server.create("pods", pod("a"));
    server.partition("refused");
    const informer = new SharedIndexInformer(server.listerWatcher<Pod>("pods"), { scheduler: s, name: "pods", objectDescription: "*v1.Pod" });
    const errors: string[] = [];
    informer.setWatchErrorHandler((e) => errors.push(e.message));
    informer.run(new AbortController().signal);
    s.advance(500);
    expect(errors[0]).toBe('failed to list *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods?limit=500&resourceVersion=0": dial tcp 10.96.0.1:443: connect: connection refused');
  });

  it("an HTTP status error keeps the server's message (client-go's StatusError), without a URL", () => {
    const s = new Scheduler({ seed: 1 });
    const server = new ApiServer(s, {});
    const lw = server.listerWatcher<Pod>("pods");
    const got: { code: number; message: string }[] = [];
    lw.list({ resourceVersion: "999", resourceVersionMatch: "Exact" }, (e) => got.push({ code: e?.code ?? 200, message: e?.message ?? "" }));
    s.advance(100);
    expect(got).toHaveLength(1);
    expect(got[0]!.code).toBeGreaterThanOrEqual(400);
    expect(got[0]!.message).not.toMatch(/^Get "/);
  });
});
