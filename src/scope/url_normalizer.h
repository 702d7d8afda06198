// UrlNormalizer: the dedup key of a URL, so that one page reached by spellings that differ only in
// form is fetched once.
//
// The WHATWG URL parser has already done most of it: scheme and host lowercased, IDNA to punycode,
// default port and dot segments removed. On top of that, Normalize:
//   - drops the fragment (it never reaches the server);
//   - normalizes percent-encoding in path and query (RFC 3986 section 6.2.2.2): an escaped unreserved
//     character (ALPHA DIGIT - . _ ~) is decoded, other escapes get uppercase hex; reserved characters
//     and '%' itself stay encoded, since decoding them would change what the URL means;
//   - removes query parameters whose name matches a drop pattern (campaign tags, session ids), and the
//     same names as ";name=value" path parameters (Java servlets' ";jsessionid=");
//   - optionally sorts the query parameters by name (stable: equal names keep their order).
// Normalize(Parse(Normalize(u))) == Normalize(u): a normalized URL is its own key.
#pragma once

#include <string>
#include <vector>

#include "arachne/status.h"
#include "scope/pattern_set.h"
#include "url/url.h"

namespace arachne {

struct NormalizeOptions {
  // RE2 patterns searched (unanchored, as RE2::PartialMatch) in each query parameter's name, after
  // percent-decoding; a parameter whose name matches one is removed.
  std::vector<std::string> drop_query_params;
  bool sort_query_params = false;
};

class UrlNormalizer {
 public:
  // Fails on a pattern that does not compile, naming it.
  static Result<UrlNormalizer> Create(const NormalizeOptions& options);

  // The dedup key of a parsed http(s) URL (see above).
  std::string Normalize(const Url& url) const;

 private:
  UrlNormalizer(PatternSet drop, bool sort) : drop_(std::move(drop)), sort_(sort) {}

  void AppendPath(std::string& out, std::string_view path) const;
  void AppendQuery(std::string& out, std::string_view query) const;
  bool Dropped(std::string_view encoded_name) const;

  PatternSet drop_;
  bool sort_;
};

}  // namespace arachne
