// The Lua scripts RedisFrontier runs in Redis: each is one atomic step on the crawl's keys, so that no
// other node sees it half done, and a batch of work costs one round trip.
//
// Keys (all under "arachne:{<crawl>}:", the braces a Redis Cluster hash tag: one slot for the crawl):
//   seen            SET of the 16-byte fingerprints of every URL queued (store/fingerprint.h)
//   hosts           SET of the hosts that have a queue
//   host_order      LIST of the same hosts, in the order they were found (host_assignment.h)
//   q:<host>        STREAM of the host's URLs, read through the consumer group "crawl", one consumer a
//                   node: an entry read and not acknowledged is pending, claimed by that node
//   lease:<host>    the node holding the host, expiring after the lease unless renewed
//   nodes           ZSET of the live nodes, scored by the Redis time (ms) they last renewed
//   open            URLs queued and not settled: 0 means the crawl is done
//   offered, recorded   counters for progress and [scope] max_pages
// Each script is idempotent where a retry after a lost reply could repeat it: an offer seen before adds
// nothing; a settlement whose entry is acknowledged already counts nothing.
#pragma once

#include <string_view>

namespace arachne::redis_scripts {

// KEYS: seen hosts open offered host_order. ARGV: prefix, then (fingerprint, host, payload) triples.
// Returns how many URLs were new.
inline constexpr std::string_view kOffer = R"lua(
local added = 0
for i = 2, #ARGV, 3 do
  if redis.call('SADD', KEYS[1], ARGV[i]) == 1 then
    local stream = ARGV[1] .. 'q:' .. ARGV[i + 1]
    if redis.call('SADD', KEYS[2], ARGV[i + 1]) == 1 then
      redis.pcall('XGROUP', 'CREATE', stream, 'crawl', '0', 'MKSTREAM')
      redis.call('RPUSH', KEYS[5], ARGV[i + 1])
    end
    redis.call('XADD', stream, '*', 'u', ARGV[i + 2])
    added = added + 1
  end
end
if added > 0 then
  redis.call('INCRBY', KEYS[3], added)
  redis.call('INCRBY', KEYS[4], added)
end
return added
)lua";

// KEYS: open recorded. ARGV: prefix, then (host, entry id, "1" if recorded else "0") triples.
// Acknowledges and deletes each entry; returns how many were still pending.
inline constexpr std::string_view kSettle = R"lua(
local settled, records = 0, 0
for i = 2, #ARGV, 3 do
  local stream = ARGV[1] .. 'q:' .. ARGV[i]
  if redis.call('XACK', stream, 'crawl', ARGV[i + 1]) == 1 then
    redis.call('XDEL', stream, ARGV[i + 1])
    settled = settled + 1
    if ARGV[i + 2] == '1' then records = records + 1 end
  end
end
if settled > 0 then redis.call('DECRBY', KEYS[1], settled) end
if records > 0 then redis.call('INCRBY', KEYS[2], records) end
return settled
)lua";

// KEYS: nodes. ARGV: prefix, node, lease (ms), then the hosts the node holds.
// Marks the node alive, forgets nodes silent for a lease, renews the node's leases (one that ran out while
// nobody took it is taken again). Returns {live nodes, hosts another node holds now}.
inline constexpr std::string_view kRenew = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - lease)
local lost = {}
for i = 4, #ARGV do
  local key = ARGV[1] .. 'lease:' .. ARGV[i]
  local owner = redis.call('GET', key)
  if owner == ARGV[2] then
    redis.call('PEXPIRE', key, lease)
  elseif not owner then
    redis.call('SET', key, ARGV[2], 'PX', lease)
  else
    lost[#lost + 1] = ARGV[i]
  end
end
return {redis.call('ZRANGE', KEYS[1], 0, -1), lost}
)lua";

// KEYS: nodes. ARGV: prefix, node, lease (ms), then hosts to take. Takes each host nobody holds (or that
// this node's earlier run held); returns the hosts taken.
inline constexpr std::string_view kAcquire = R"lua(
local got = {}
for i = 4, #ARGV do
  local key = ARGV[1] .. 'lease:' .. ARGV[i]
  local owner = redis.call('GET', key)
  if (not owner) or owner == ARGV[2] then
    redis.call('SET', key, ARGV[2], 'PX', tonumber(ARGV[3]))
    got[#got + 1] = ARGV[i]
  end
end
return got
)lua";

// KEYS: nodes. ARGV: prefix, node, then hosts to give up (to hand them over, or leaving the crawl).
// Deletes the node's leases on them.
inline constexpr std::string_view kRelease = R"lua(
for i = 3, #ARGV do
  local key = ARGV[1] .. 'lease:' .. ARGV[i]
  if redis.call('GET', key) == ARGV[2] then redis.call('DEL', key) end
end
return 1
)lua";

}  // namespace arachne::redis_scripts
