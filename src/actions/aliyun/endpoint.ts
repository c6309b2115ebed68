// Where the Alibaba Cloud pack sends its requests. By default each product's regional endpoint
// over HTTPS, as Alibaba lists them (`ecs.cn-beijing.aliyuncs.com`; SLB in cn-hangzhou is
// `slb.aliyuncs.com`). An override (`REFLEX_ALIYUN_ENDPOINT`, the pack's `endpoint`) is one base
// URL that every product's requests go to — the simulator, a test server, a gateway; the RPC
// signature does not cover the host, and the `Version` and `Action` parameters say which
// product and operation a request is for.
import { parseEndpointOverride } from "../endpoint-override.js";

/** The products the pack calls: their API version and regional host. */
export const ALIYUN_PRODUCTS = {
  ecs: { version: "2014-05-26", host: (region: string) => `ecs.${region}.aliyuncs.com` },
  slb: { version: "2014-05-15", host: (region: string) => (region === "cn-hangzhou" ? "slb.aliyuncs.com" : `slb.${region}.aliyuncs.com`) },
} as const;

export type AliyunProduct = keyof typeof ALIYUN_PRODUCTS;

/** The base URL of `product` in `region`: the override when there is one, else the cloud's. */
export function productEndpoint(product: AliyunProduct, region: string, override: string | undefined): string {
  return override ?? `https://${ALIYUN_PRODUCTS[product].host(region)}`;
}

/**
 * An override URL checked and without its trailing slash (`http://127.0.0.1:9000`), or
 * undefined when there is none; `source` names where it came from, for the error.
 */
export function endpointOverride(url: string | undefined, source: string): string | undefined {
  return parseEndpointOverride(url, source, "Alibaba Cloud")?.origin;
}
