// Fault endpoints: replies that break HTTP, or strain a client's limits, on purpose, one per path under
// /fault/, so that tests can prove a crawler's limits hold against a hostile server (hostile_site.h links
// them all from a small site of normal pages). Each answers every method alike and ignores the request's
// headers (a gzip bomb comes whatever Accept-Encoding says).
//
//   /fault/endless-body     200 text/html, no Content-Length, a body that never ends: 64 KiB pieces for as
//                           long as the client reads
//   /fault/gzip-bomb        200 text/html, Content-Encoding: gzip, no Content-Length: about 10 MB on the
//                           wire that inflate to 10 GiB (a title, then spaces; gzip_bomb.h)
//   /fault/endless-headers  the status line, then header lines for as long as the client reads, never the
//                           blank line that ends them
//   /fault/no-answer        the request is read and nothing is ever sent; the connection stays open until
//                           the client closes it
//   /fault/slow-drip        200 text/html with a Content-Length, the body one byte a second
//   /fault/reset-mid-body   200 text/html, Content-Length 100000: 50000 bytes, then a TCP reset
//   /fault/bad-chunk        200 text/html, Transfer-Encoding: chunked: one good chunk, then a chunk-size
//                           line that is not hexadecimal, then the connection closes
//   /fault/redirect/<n>     302 to /fault/redirect/<n+1> for n < 10,000; /fault/redirect/10000 is a page
//   /fault/many-links/      200 text/html, about 20 MB: 1,000,000 distinct links, to /fault/many-links/<i>
//                           (which are 404)
//   /fault/long-base        200 text/html, about 3 MB: a <base href> 2,000 bytes long, then 200,000
//                           distinct relative links, which resolve to 400 MB of URLs (all 404)
//   /fault/deep             200 text/html: 100,000 nested <q> elements, a link to /fault/deep/inside in the
//                           innermost and one to /fault/deep/after once they are all closed; both targets
//                           are small pages
//
// <q> rather than <div> for the deep page: Gumbo 0.10.1 scans its stack of open elements for a <p> at
// every <div> start tag, so 100,000 nested divs take it some 12 s (quadratic), while any depth of <q>
// costs it linear time. The depth is what the page tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "testsite/http_server.h"

namespace arachne::testsite {

inline constexpr std::string_view kEndlessBodyPath = "/fault/endless-body";
inline constexpr std::string_view kGzipBombPath = "/fault/gzip-bomb";
inline constexpr std::string_view kEndlessHeadersPath = "/fault/endless-headers";
inline constexpr std::string_view kNoAnswerPath = "/fault/no-answer";
inline constexpr std::string_view kSlowDripPath = "/fault/slow-drip";
inline constexpr std::string_view kResetMidBodyPath = "/fault/reset-mid-body";
inline constexpr std::string_view kBadChunkPath = "/fault/bad-chunk";
inline constexpr std::string_view kRedirectPrefix = "/fault/redirect/";  // then the hop number, from 0
inline constexpr std::string_view kManyLinksPath = "/fault/many-links/";
inline constexpr std::string_view kLongBasePath = "/fault/long-base";
inline constexpr std::string_view kDeepPath = "/fault/deep";
inline constexpr std::string_view kDeepInsidePath = "/fault/deep/inside";
inline constexpr std::string_view kDeepAfterPath = "/fault/deep/after";

inline constexpr int kRedirectHops = 10'000;
inline constexpr int kManyLinks = 1'000'000;
inline constexpr int kLongBaseLinks = 200'000;
inline constexpr std::size_t kLongBaseBytes = 2000;  // the length of its base URL's path
inline constexpr int kDeepNesting = 100'000;
inline constexpr std::uint64_t kGzipBombBytes = 10ull << 30;   // inflated
inline constexpr std::uint64_t kResetContentLength = 100'000;  // announced; half of it is sent
inline constexpr int kSlowDripPauseMs = 1000;                  // between two bytes of the slow drip

// The reply of the fault endpoint at `target`'s path (the query is ignored); nullopt for any other path.
std::optional<HttpReply> FaultReply(std::string_view target);

// One path per fault endpoint, in the order of the list above: the redirect chain as its first hop
// (/fault/redirect/0), the deep page without its two targets.
std::vector<std::string> FaultPaths();

}  // namespace arachne::testsite
