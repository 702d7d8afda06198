# Sourced by bench/compare.sh and bench/scaling.sh: the seed file Arachne crawls a benchmark site with.
#
#   arachne_seed FILE URL OUT_DIR [FETCHERS PARSERS]
#
# Starts at URL and follows every link on its host; robots.txt and throttling off (as for the other
# crawlers compared), up to 64 transfers at once; records to OUT_DIR/bench.jsonl. FETCHERS and PARSERS
# default to 0: chosen by the crawl from the cores and the load.
arachne_seed() {
  cat >"$1" <<TOML
name = "bench"
seeds = ["$2"]
[fetch]
user_agent = "Arachne/0.1 bench"
concurrency = 64
[robots]
obey = false
[politeness]
max_per_host = 64
adaptive = false
[workers]
fetchers = ${4:-0}
parsers = ${5:-0}
[output]
dir = "$3"
formats = ["jsonl"]
TOML
}
