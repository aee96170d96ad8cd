-- wrk script: the same GET as a browser would send it, with Accept-Encoding (BENCH_ACCEPT_ENCODING, default "gzip").
-- Static request (no request() function), so wrk builds it once and the load costs what plain wrk costs.
wrk.headers["Accept-Encoding"] = os.getenv("BENCH_ACCEPT_ENCODING") or "gzip"
