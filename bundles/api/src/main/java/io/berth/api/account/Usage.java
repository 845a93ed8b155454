package io.berth.api.account;

/** What an account holds now, counted like its {@link Quotas}. */
public record Usage(int servers, int subdomains) {
}
