// How each kind of fetch (FetchKind, ipc/messages.h) is made, and whether its body goes to a parser.
//
//   kPage     as the crawl's settings say: redirects reported, not followed (the coordinator queues the
//             target so that scope, robots.txt and dedup apply to it); only an HTML body is downloaded
//             unless [fetch] download_other; parsed when it is HTML.
//   kRobots   redirects followed, five hops (RFC 9309 section 2.3.1.2); the body cut, silently, at 500 KiB
//             (section 2.5); returned to the coordinator in the outcome, never parsed as a page.
//   kSitemap  parsed whatever its Content-Type (XML, gzip or text; the parser tells them apart by their
//             bytes); read up to a little past the sitemap protocol's 50 MiB.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/config.h"
#include "fetcher/http_client.h"
#include "ipc/messages.h"

namespace arachne {

inline constexpr int kRobotsRedirects = 5;
inline constexpr std::uint64_t kRobotsMaxBytes = 500 * 1024;
// One byte past the 50 MiB the sitemap parser reads (sitemap/sitemap.h), so that it can tell a file cut
// here from one that ends exactly at its cap, and report the cut.
inline constexpr std::uint64_t kSitemapFetchBytes = 50ull * 1024 * 1024 + 1;

// The request for a Fetch message; its url is moved out.
HttpRequest RequestFor(FetchMessage& message, const FetchConfig& fetch);

// Whether the response's body goes to the parse queue. `body`: the response's, wherever it was kept
// (HttpResponse::body, or the request's body_into).
bool ShouldParse(FetchKind kind, const HttpResponse& response, std::string_view body);

// The hosts the user named, as seeds or sitemaps, as Url::host() writes them: the address policy lets them
// be on private addresses.
std::vector<std::string> TrustedHosts(const Config& config);

}  // namespace arachne
