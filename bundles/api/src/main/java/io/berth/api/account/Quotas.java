package io.berth.api.account;

/**
 * How many resources an account may hold.
 *
 * @param servers servers not terminated
 * @param subdomains claimed subdomains
 */
public record Quotas(int servers, int subdomains) {

    public static final Quotas DEFAULT = new Quotas(5, 2);
}
