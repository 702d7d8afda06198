#include "scope/url_normalizer.h"

#include <algorithm>

namespace arachne {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 3986 section 2.3.
bool Unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// Appends `text` with its escapes normalized: "%7e" -> "~", "%2f" -> "%2F"; a '%' that starts no valid
// escape is kept as it is (the URL parser lets such a '%' through, and it means itself).
void AppendNormalizedEscapes(std::string& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%' || i + 2 >= text.size()) continue;
    const int high = HexValue(text[i + 1]);
    const int low = HexValue(text[i + 2]);
    if (high < 0 || low < 0) continue;
    out.append(text.substr(run, i - run));
    const auto byte = static_cast<unsigned char>(high * 16 + low);
    if (Unreserved(byte)) {
      out += static_cast<char>(byte);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
    i += 2;
    run = i + 1;
  }
  out.append(text.substr(run));
}

std::string PercentDecode(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = HexValue(text[i + 1]), low = HexValue(text[i + 2]);
      if (high >= 0 && low >= 0) {
        decoded += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    decoded += text[i] == '+' ? ' ' : text[i];
  }
  return decoded;
}

std::string_view NameOf(std::string_view param) { return param.substr(0, param.find('=')); }

}  // namespace

Result<UrlNormalizer> UrlNormalizer::Create(const NormalizeOptions& options) {
  Result<PatternSet> drop = PatternSet::Compile(options.drop_query_params);
  if (!drop.ok()) return Status::InvalidArgument("[urls] drop_query_params: " + drop.status().message());
  return UrlNormalizer(std::move(*drop), options.sort_query_params);
}

bool UrlNormalizer::Dropped(std::string_view encoded_name) const {
  if (drop_.empty()) return false;
  if (encoded_name.find_first_of("%+") == std::string_view::npos) return drop_.MatchesAny(encoded_name);
  return drop_.MatchesAny(PercentDecode(encoded_name));
}

void UrlNormalizer::AppendPath(std::string& out, std::string_view path) const {
  // Path parameters (";name=value" after a segment) named like a dropped query parameter go too.
  if (drop_.empty() || path.find(';') == std::string_view::npos) return AppendNormalizedEscapes(out, path);
  std::size_t segment_begin = 0;
  while (segment_begin <= path.size()) {
    std::size_t segment_end = path.find('/', segment_begin);
    if (segment_end == std::string_view::npos) segment_end = path.size();
    std::string_view segment = path.substr(segment_begin, segment_end - segment_begin);
    std::size_t semicolon = segment.find(';');
    std::string_view kept = segment.substr(0, semicolon);
    AppendNormalizedEscapes(out, kept);
    while (semicolon != std::string_view::npos) {
      std::size_t next = segment.find(';', semicolon + 1);
      std::string_view param = segment.substr(semicolon + 1, next == std::string_view::npos ? next : next - semicolon - 1);
      if (!Dropped(NameOf(param))) {
        out += ';';
        AppendNormalizedEscapes(out, param);
      }
      semicolon = next;
    }
    if (segment_end == path.size()) break;
    out += '/';
    segment_begin = segment_end + 1;
  }
}

void UrlNormalizer::AppendQuery(std::string& out, std::string_view query) const {
  std::vector<std::string_view> params;
  std::size_t begin = 0;
  while (begin <= query.size()) {
    std::size_t end = query.find('&', begin);
    if (end == std::string_view::npos) end = query.size();
    std::string_view param = query.substr(begin, end - begin);
    if (!Dropped(NameOf(param))) params.push_back(param);
    begin = end + 1;
  }
  if (sort_) {
    std::stable_sort(params.begin(), params.end(),
                     [](std::string_view a, std::string_view b) { return NameOf(a) < NameOf(b); });
  }
  // A query that lost every parameter is no query: "/p?utm_source=x" is "/p".
  if (params.empty()) return;
  out += '?';
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (i > 0) out += '&';
    AppendNormalizedEscapes(out, params[i]);
  }
}

std::string UrlNormalizer::Normalize(const Url& url) const {
  const std::string& href = url.href();
  const std::string_view path = url.path();
  const std::size_t path_begin = static_cast<std::size_t>(path.data() - href.data());
  std::string out;
  out.reserve(href.size());
  out.append(href, 0, path_begin);
  AppendPath(out, path);
  if (url.has_query()) {
    const std::string_view query = url.query();
    if (drop_.empty() && !sort_) {
      out += '?';
      AppendNormalizedEscapes(out, query);
    } else {
      AppendQuery(out, query);
    }
  }
  return out;
}

}  // namespace arachne
