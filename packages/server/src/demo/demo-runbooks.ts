/**
 * Runbooks of the demo services. Written to be useful at 3 a.m.: what you see,
 * where to look, what to do first, and whom to call.
 */
export const RUNBOOKS = {
  apiGateway: `# api-gateway

Envoy fleet at the edge (namespace \`edge\`, deployment \`api-gateway\`). Every public request passes through it, so
an outage here looks like an outage of everything.

## Symptoms
- 5xx rate above 1 % on \`api.example.com\` or \`m.example.com\`, usually for **all** routes at once.
- p99 latency above 800 ms at the edge while upstream services report normal latency.
- Customers report \`upstream connect error or disconnect/reset before headers\`.
- Sudden drop in request volume (DNS, certificate or load balancer problem in front of the gateway).

## Dashboards
- Edge overview: https://grafana.example.com/d/edge-overview
- Per-route errors and latency: https://grafana.example.com/d/envoy-routes
- Load balancer and certificates: https://grafana.example.com/d/edge-lb

## First steps
1. Check whether errors are on every route or one upstream. One upstream → page that service's team; the gateway is
   only the messenger.
2. Look at pod health: \`kubectl -n edge get pods -l app=api-gateway\` and \`kubectl -n edge top pods\`.
3. A recent deploy or config change? \`kubectl -n edge rollout history deploy/api-gateway\`. If the errors started
   with it, roll back: \`kubectl -n edge rollout undo deploy/api-gateway\`.
4. Rate limiting gone wild (429s)? Check the \`ratelimit\` config map for a bad change; revert it.
5. Certificate expiry: \`echo | openssl s_client -connect api.example.com:443 2>/dev/null | openssl x509 -noout -enddate\`.

## Escalation
- Platform on-call owns this service; if not resolved within 15 minutes, escalate to the Platform lead.
- Declare an incident for anything customer-visible beyond 5 minutes; update the status page every 30 minutes.
- Cloud load balancer or DNS problems: open a P1 case with the cloud provider and link it in the incident.
`,

  identity: `# identity

Issues sessions and OAuth2 access tokens (namespace \`identity\`). Tokens are signed with keys rotated weekly;
sessions live in Redis, accounts in postgres-main.

## Symptoms
- Sign-in success rate below 95 % (normal is 98–99 %; failed passwords are expected noise).
- Spike in \`401 invalid_token\` across services: usually a signing-key rotation that other services did not pick up.
- Users logged out en masse: Redis eviction or failover.
- Slow sign-in (> 2 s): database or the password-hash worker pool is saturated.

## Dashboards
- Identity overview: https://grafana.example.com/d/identity
- Redis sessions cluster: https://grafana.example.com/d/redis-sessions
- Sign-in funnel (product analytics): https://grafana.example.com/d/signin-funnel

## First steps
1. Separate "users cannot sign in" from "tokens are rejected". The first is identity itself, the second is usually
   JWKS caching in the callers.
2. For token rejections, compare \`kid\` in failing tokens with \`curl -s https://id.example.com/.well-known/jwks.json\`.
   If a key is missing, re-publish the previous key: \`kubectl -n identity create job --from=cronjob/jwks-publish jwks-now\`.
3. For mass logouts, check Redis: \`redis-cli -h sessions.internal info stats | grep evicted_keys\`; if keys are
   being evicted, raise \`maxmemory\` on the cluster before anything else.
4. Credential-stuffing attack (many failures from few addresses)? Tighten the gateway rate limit for \`/oauth/token\`
   and tell Security.

## Escalation
- Platform on-call first; the Security on-call must be told about any suspected attack or key compromise.
- If nobody can sign in for more than 10 minutes, declare a major incident.
`,

  postgresMain: `# postgres-main

PostgreSQL 16: \`pg-main-0\` is the primary, \`pg-main-1\` and \`pg-main-2\` stream from it. Applications connect
through PgBouncer (\`pgbouncer.internal:6432\`, transaction pooling). Failover is managed by Patroni.

## Symptoms
- Applications time out acquiring connections (\`remaining connection slots are reserved\`, PgBouncer \`cl_waiting\` > 0).
- Replication lag above 30 s (read-after-write bugs, stale pages in the apps).
- Disk usage above 85 % on any node, or WAL piling up.
- Many services slow at the same time while their own CPU is idle.

## Dashboards
- Cluster overview: https://grafana.example.com/d/pg-main
- PgBouncer pools: https://grafana.example.com/d/pgbouncer
- Slow queries (pg_stat_statements): https://grafana.example.com/d/pg-slow-queries

## First steps
1. Who holds the connections and locks?
   \`select pid, usename, state, wait_event_type, now() - query_start as age, left(query, 80) from pg_stat_activity order by age desc limit 20;\`
2. A long transaction blocking others: \`select pg_cancel_backend(<pid>);\` first, \`pg_terminate_backend\` only if cancel fails.
3. Disk filling with WAL: check for an inactive replication slot —
   \`select slot_name, active, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) from pg_replication_slots;\`
4. Primary unhealthy: \`patronictl -c /etc/patroni.yml list\`. Let Patroni fail over; do **not** promote by hand unless
   the Platform lead agrees.
5. Never run \`VACUUM FULL\` or create indexes without \`CONCURRENTLY\` on the primary during business hours.

## Escalation
- Platform on-call owns the cluster; for failover, data loss or corruption, call the database specialist (Lena Fischer)
  and declare a major incident.
- Restores from backup need two people and a written plan in the incident channel.
`,

  checkoutApi: `# checkout-api

Node.js service (namespace \`payments\`) that owns carts and orders. It calls payment-processor synchronously to
authorise cards and publishes \`order.created\` to Kafka.

## Symptoms
- Checkout conversion drops more than 20 % against the same hour last week.
- \`POST /v1/orders\` error rate above 2 % or p95 latency above 1.5 s.
- Orders stuck in \`pending_payment\` for more than 10 minutes.

## Dashboards
- Checkout overview: https://grafana.example.com/d/checkout
- Orders by state: https://grafana.example.com/d/orders-state
- Business KPIs (conversion, revenue per minute): https://grafana.example.com/d/payments-kpis

## First steps
1. Is it us or the payment path? If payment-processor errors rose at the same time, follow its runbook.
2. Recent deploy? \`kubectl -n payments rollout history deploy/checkout-api\`; roll back first, investigate later.
3. Feature flags: a flag flipped in the last hour (see the flag audit log) is a prime suspect — turn it off.
4. Orders stuck in \`pending_payment\`: run the reconciler once,
   \`kubectl -n payments create job --from=cronjob/order-reconciler reconcile-now\`; it asks the PSP for the real status.
5. Never delete or re-create orders by hand: customers may be charged twice.

## Escalation
- Payments on-call, then the Payments lead after 15 minutes.
- Any incident that may double-charge or lose orders: declare a major incident and tell Customer Support (Grace Miller).
`,

  paymentProcessor: `# payment-processor

Java service in the PCI zone (namespace \`pci\`). Talks to the PSP over mutual TLS for authorisations, captures and
refunds. Card data never leaves this zone; access needs the break-glass role.

## Symptoms
- Authorisation success rate below 85 % (normal 90–93 %; declines by issuers are expected).
- PSP latency p95 above 3 s or timeouts towards \`api.psp.example.net\`.
- Spike of one decline code (e.g. \`do_not_honor\`) from a single card network.
- Refunds queue growing.

## Dashboards
- Authorisations by outcome: https://grafana.example.com/d/payments-auth
- PSP latency and errors: https://grafana.example.com/d/psp
- PSP status page: https://status.psp.example.net

## First steps
1. Check the PSP status page. A PSP incident → enable the fallback acquirer with the \`psp-fallback\` flag (only for
   Visa and Mastercard) and tell the PSP's support line.
2. Declines from one network only are usually on the network's side; watch, don't change code.
3. Timeouts to the PSP but their status is green: check our egress and mTLS certificate expiry
   (\`kubectl -n pci get certificate psp-client -o jsonpath='{.status.notAfter}'\`).
4. Never retry captures by hand: the service retries with idempotency keys; a manual retry can double-charge.

## Escalation
- Payments on-call owns it; the PSP's 24/7 line is in the vault under "PSP support".
- Authorisation success below 70 % for 10 minutes is a major incident; notify Finance and Customer Support.
`,

  billingWorker: `# billing-worker

Python workers consuming the \`billing\` queue: subscription renewals at 02:00 UTC, invoice PDFs, and retries of
failed payments (dunning) on days 1, 3 and 7.

## Symptoms
- Queue depth above 5,000 or oldest message older than 30 minutes.
- Renewal job not finished by 06:00 UTC.
- Customers report missing invoices or being charged for a cancelled subscription.

## Dashboards
- Billing queue: https://grafana.example.com/d/billing-queue
- Renewals run: https://grafana.example.com/d/billing-renewals
- Dead-letter queue: https://grafana.example.com/d/billing-dlq

## First steps
1. Are workers running? \`kubectl -n payments get pods -l app=billing-worker\`. Scale up if the queue is deep but
   healthy: \`kubectl -n payments scale deploy/billing-worker --replicas=12\`.
2. Messages failing over and over land in the dead-letter queue; inspect a sample before replaying:
   \`billing-admin dlq show --limit 5\`. Replay only after the cause is fixed: \`billing-admin dlq replay\`.
3. Renewals late because postgres-main is slow? Follow the postgres-main runbook first.
4. This is low urgency outside business hours unless renewals have not finished by 06:00 UTC.

## Escalation
- Payments on-call during working hours; the Payments lead if renewals are at risk of missing the day.
- Wrong charges go to Customer Support (Grace Miller) with a list of affected customers.
`,

  mobileBff: `# mobile-bff

GraphQL server for the iOS and Android apps (namespace \`mobile\`). It holds no data of its own: it fans out to
identity, checkout-api and the catalog, with a 2 s budget per request.

## Symptoms
- App crash-free sessions below 99.5 % right after a BFF deploy (schema change the apps cannot parse).
- GraphQL error rate above 1 %, or p95 above 1 s.
- App store reviews or support tickets about endless spinners.

## Dashboards
- BFF overview: https://grafana.example.com/d/mobile-bff
- Resolver latency by upstream: https://grafana.example.com/d/mobile-bff-resolvers
- Crash reporting: https://crash.example.com/apps

## First steps
1. Find the slow or failing resolver on the resolver dashboard; it names the upstream to blame.
2. Recent deploy? Roll back: \`kubectl -n mobile rollout undo deploy/mobile-bff\`. Removed or renamed schema fields
   break older app versions — never remove a field still used by a supported app version.
3. Upstream slow: the BFF sheds load by returning partial data; check that circuit breakers opened
   (\`bff_breaker_open\` metric) rather than requests piling up.
4. Sign-in failures in the apps: check identity first.

## Escalation
- Mobile on-call; the iOS/Android release managers if a hotfix app release is needed.
- Declare an incident if more than 5 % of app sessions see errors for 10 minutes.
`,

  pushNotifications: `# push-notifications

Consumes the \`notifications.push\` Kafka topic and delivers through APNs (iOS) and FCM (Android). Notifications are
best effort, but order updates and sign-in codes matter to customers.

## Symptoms
- Consumer lag above 10,000 messages or 5 minutes.
- APNs or FCM error rate above 5 % (\`BadDeviceToken\` alone is normal churn).
- Customers do not receive sign-in codes or order updates.

## Dashboards
- Push delivery: https://grafana.example.com/d/push
- Kafka consumer lag: https://grafana.example.com/d/kafka-lag
- Apple and Google status: https://developer.apple.com/system-status/ and https://status.firebase.google.com

## First steps
1. Lag growing but errors low: scale consumers (up to the partition count, 24):
   \`kubectl -n mobile scale deploy/push-notifications --replicas=24\`.
2. APNs \`403 InvalidProviderToken\`: the signing key or team ID changed; check the \`apns-auth\` secret was not rotated
   without a restart: \`kubectl -n mobile rollout restart deploy/push-notifications\`.
3. FCM \`QUOTA_EXCEEDED\`: a campaign is sending too fast; pause marketing sends in the campaign tool.
4. Old messages are worthless: if lag is hours, skip marketing messages with \`push-admin skip --type marketing\`.

## Escalation
- Mobile on-call during working hours; out of hours only if sign-in codes are affected.
- Provider-wide outages: nothing to fix on our side; post a status page update and watch.
`,
} as const;
