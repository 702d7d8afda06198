#include "scope/url_normalizer.h"

#include <algorithm>

#include "url/percent_encode.h"

namespace arachne {

namespace {

using percent_encode::EscapeAt;
using percent_encode::HexValue;
using percent_encode::IsUnreserved;

bool IsHex(char c) { return HexValue(c) >= 0; }

// True when `out` ends in a '%', or a '%' and one hex digit, that no escape completes (every escape this
// file writes is whole, "%XX", so such a '%' came from the input). Appending a hex digit there would make
// an escape that was not in the URL: "%4" + "1" reads as "%41", which is "A".
bool EndsInOpenPercent(const std::string& out) {
  const std::size_t n = out.size();
  return (n >= 1 && out[n - 1] == '%') || (n >= 2 && out[n - 2] == '%' && IsHex(out[n - 1]));
}

void AppendEscape(std::string& out, unsigned char byte) {
  if (IsUnreserved(byte) && !(IsHex(static_cast<char>(byte)) && EndsInOpenPercent(out))) {
    out += static_cast<char>(byte);
  } else {
    percent_encode::AppendEncodedByte(out, byte);  // uppercase hex, RFC 3986 section 6.2.2.1
  }
}

// Appends `text` with its escapes normalized: "%7e" -> "~", "%2f" -> "%2F". A '%' that starts no valid
// escape is kept as it is: the WHATWG parser lets it through and it means itself (URL section 4.4,
// "percent-decode" leaves it). Runs without escapes are copied at once.
void AppendNormalizedEscapes(std::string& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = text.find('%'); i != std::string_view::npos; i = text.find('%', i + 1)) {
    if (i + 2 >= text.size()) break;
    const int byte = EscapeAt(text, i);
    if (byte < 0) continue;
    out.append(text.substr(run, i - run));
    AppendEscape(out, static_cast<unsigned char>(byte));
    i += 2;
    run = i + 1;
  }
  out.append(text.substr(run));
}

// The name as a form reads it (WHATWG URL section 5.1): escapes decoded, '+' a space.
std::string FormDecode(std::string_view text) {
  std::string decoded = percent_encode::Decode(text);
  std::replace(decoded.begin(), decoded.end(), '+', ' ');
  return decoded;
}

std::string_view NameOf(std::string_view param) { return param.substr(0, param.find('=')); }

// Calls `f` with each '&'-separated piece of `query`, empty ones included ("a&&b" has three).
template <typename F>
void ForEachParam(std::string_view query, F f) {
  std::size_t begin = 0;
  while (true) {
    const std::size_t end = query.find('&', begin);
    f(query.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin));
    if (end == std::string_view::npos) return;
    begin = end + 1;
  }
}

// Consumes one '.' or "%2e" (either case) at `i` of `segment`.
bool ConsumeDot(std::string_view segment, std::size_t& i) {
  if (i < segment.size() && segment[i] == '.') {
    i += 1;
    return true;
  }
  if (segment.size() - i >= 3 && segment[i] == '%' && segment[i + 1] == '2' && (segment[i + 2] | 0x20) == 'e') {
    i += 3;
    return true;
  }
  return false;
}

// A segment the WHATWG parser removes or resolves (URL section 4.1, single-dot and double-dot URL path
// segments, "%2e" counting as '.').
bool IsDotSegment(std::string_view segment) {
  std::size_t i = 0;
  if (!ConsumeDot(segment, i)) return false;
  return i == segment.size() || (ConsumeDot(segment, i) && i == segment.size());
}

}  // namespace

std::vector<std::string> UrlNormalizer::DefaultDroppedParams() {
  return {"^utm_", "^(?i:jsessionid|phpsessid|aspsessionid|sessionid|sid)$"};
}

Result<UrlNormalizer> UrlNormalizer::Create(const NormalizeOptions& options) {
  Result<PatternSet> drop = PatternSet::Compile(options.drop_query_params);
  if (!drop.ok()) return Status::InvalidArgument("[urls] drop_query_params: " + drop.status().message());
  return UrlNormalizer(std::move(*drop), options.sort_query_params);
}

bool UrlNormalizer::Dropped(std::string_view param) const {
  if (drop_.empty()) return false;
  const std::string_view name = NameOf(param);
  // Most names have nothing to decode; they are matched where they lie, without a copy.
  if (name.find_first_of("%+") == std::string_view::npos) return drop_.MatchesAny(name);
  return drop_.MatchesAny(FormDecode(name));
}

void UrlNormalizer::AppendPath(std::string& out, std::string_view path) const {
  if (drop_.empty() || path.find(';') == std::string_view::npos) return AppendNormalizedEscapes(out, path);
  for (std::size_t begin = 0;;) {
    const std::size_t end = path.find('/', begin);
    AppendSegment(out, path.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin));
    if (end == std::string_view::npos) return;
    out += '/';
    begin = end + 1;
  }
}

// A path segment without the ";name=value" parameters whose name is dropped (Java servlets put the
// session id there: "/shop;jsessionid=AB12"; RFC 3986 section 3.3 leaves ';' in a segment to the
// server, and servlet containers read it as a parameter).
void UrlNormalizer::AppendSegment(std::string& out, std::string_view segment) const {
  const std::size_t first = segment.find(';');
  // "..;jsessionid=x" must stay as it is: without its parameter it would become a segment the parser
  // resolves, another URL (and "..;" is a known way past servlet path checks).
  if (first == std::string_view::npos || IsDotSegment(segment.substr(0, first))) {
    return AppendNormalizedEscapes(out, segment);
  }
  AppendNormalizedEscapes(out, segment.substr(0, first));
  for (std::size_t semicolon = first; semicolon != std::string_view::npos;) {
    const std::size_t next = segment.find(';', semicolon + 1);
    const std::string_view param =
        segment.substr(semicolon + 1, next == std::string_view::npos ? std::string_view::npos : next - semicolon - 1);
    if (!Dropped(param)) {
      out += ';';
      AppendNormalizedEscapes(out, param);
    }
    semicolon = next;
  }
}

void UrlNormalizer::AppendQuery(std::string& out, std::string_view query) const {
  if (sort_) return AppendSortedQuery(out, query);
  if (!drop_.empty()) return AppendFilteredQuery(out, query);
  out += '?';
  AppendNormalizedEscapes(out, query);
}

// Kept parameters are written as they are read, so filtering alone needs no list of them.
void UrlNormalizer::AppendFilteredQuery(std::string& out, std::string_view query) const {
  const std::size_t question_mark = out.size();
  out += '?';
  bool dropped = false, first = true;
  ForEachParam(query, [&](std::string_view param) {
    if (Dropped(param)) {
      dropped = true;
      return;
    }
    if (!first) out += '&';
    first = false;
    AppendNormalizedEscapes(out, param);
  });
  // A query that lost its parameters is no query: "/p?utm_source=x" is "/p".
  if (dropped && out.size() == question_mark + 1) out.resize(question_mark);
}

// Parameters are sorted by their normalized names, so that "%62" and "b" sort alike and a sorted key
// sorts to itself. Normalizing the query as a whole is the same as normalizing each parameter: '&' is
// never decoded, and no escape reaches across it.
void UrlNormalizer::AppendSortedQuery(std::string& out, std::string_view query) const {
  std::string normalized;
  normalized.reserve(query.size());
  AppendNormalizedEscapes(normalized, query);
  std::vector<std::string_view> params;
  params.reserve(static_cast<std::size_t>(std::count(normalized.begin(), normalized.end(), '&')) + 1);
  bool dropped = false;
  ForEachParam(normalized, [&](std::string_view param) {
    if (Dropped(param)) {
      dropped = true;
    } else {
      params.push_back(param);
    }
  });
  std::stable_sort(params.begin(), params.end(),
                   [](std::string_view a, std::string_view b) { return NameOf(a) < NameOf(b); });
  if (dropped && (params.empty() || (params.size() == 1 && params[0].empty()))) return;
  out += '?';
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (i > 0) out += '&';
    out.append(params[i]);
  }
}

std::string UrlNormalizer::Normalize(const Url& url) const {
  const std::string& href = url.href();
  const std::string_view path = url.path();
  const auto path_begin = static_cast<std::size_t>(path.data() - href.data());
  std::string out;
  // Normalizing never lengthens: escapes are decoded or recased, parameters dropped, the fragment cut.
  out.reserve(href.size());
  out.append(href, 0, path_begin);
  AppendPath(out, path);
  if (url.has_query()) AppendQuery(out, url.query());
  return out;
}

}  // namespace arachne
