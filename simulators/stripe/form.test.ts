import { describe, expect, it } from "vitest";
import { parseStripeForm } from "./form.ts";

describe("parseStripeForm", () => {
  it("rebuilds nested objects and arrays from stripe-node's bracket keys", () => {
    const body =
      "mode=subscription&line_items[0][price]=price_a&line_items[0][quantity]=1&line_items[1][price]=price_m" +
      "&metadata[account_id]=acc%201&subscription_data[metadata][plan]=care";
    expect(parseStripeForm(body)).toEqual({
      mode: "subscription",
      line_items: [{ price: "price_a", quantity: "1" }, { price: "price_m" }],
      metadata: { account_id: "acc 1" },
      subscription_data: { metadata: { plan: "care" } },
    });
  });

  it("keeps string payload values as strings", () => {
    expect(parseStripeForm("payload[value]=3&payload[stripe_customer_id]=cus_1")).toEqual({
      payload: { value: "3", stripe_customer_id: "cus_1" },
    });
  });
});
