// UrlNormalizer: the dedup key of a URL, so that one page reached by spellings that differ only in
// form is fetched once.
//
// The WHATWG URL parser has already done most of it: scheme and host lowercased, IDNA to punycode,
// default port and dot segments removed. On top of that, Normalize:
//   - drops the fragment (it never reaches the server);
//   - normalizes percent-encoding in path and query (RFC 3986 section 6.2.2.2): an escaped unreserved
//     character (ALPHA DIGIT - . _ ~, section 2.3) is decoded, other escapes get uppercase hex; reserved
//     characters and '%' itself stay encoded, since decoding them would change what the URL means. A '%'
//     that starts no valid escape ("%", "%zz", "%4") is left as it is, as the WHATWG parser leaves it,
//     and an escape is not decoded where the byte would complete such a '%' into a new escape
//     ("%4%31" stays, as "%41" would mean "A");
//   - removes query parameters whose name matches a drop pattern (campaign tags, session ids), and the
//     same names as ";name=value" path parameters (Java servlets' "/shop;jsessionid=AB12?x" is
//     "/shop?x"); a query left empty by this goes with its '?' ("/p?utm_source=x" is "/p"), while a
//     query that was empty to begin with ("/p?") stays, as RFC 3986 section 6.2.3 asks;
//   - optionally sorts the query parameters by name (stable: equal names keep their order).
// Parameters are the '&'-separated pieces of the query (application/x-www-form-urlencoded, WHATWG URL
// section 5.1); a parameter's name is what comes before its first '=', the whole of it when it has none.
// Empty and valueless parameters are kept as they are: "a&&b=" stays "a&&b=".
//
// Normalize(Parse(Normalize(u))) == Normalize(u): a normalized URL is its own key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"
#include "scope/pattern_set.h"
#include "url/url.h"

namespace arachne {

struct NormalizeOptions {
  // RE2 patterns searched in each query parameter's name, unanchored (RE2::PartialMatch semantics: "sid"
  // also matches "side" and "utm_sid"; anchor with ^ and $), after percent-decoding the name ('+' reads
  // as a space, as in a form). A parameter whose name matches one is removed, and so is a path parameter
  // ";name=value" of that name. Empty: every parameter is kept.
  std::vector<std::string> drop_query_params;
  // Sort the parameters by their (normalized) name, so that "?b=1&a=2" and "?a=2&b=1" are one key;
  // parameters of equal name keep their order, which some sites give a meaning ("?tag=x&tag=y").
  bool sort_query_params = false;
};

class UrlNormalizer {
 public:
  // The drop patterns a crawl uses unless told otherwise: "utm_*" campaign tags and the usual session-id
  // names (Java, PHP, ASP and generic). Both make endless copies of one page, a tag per newsletter and a
  // session per visit; Heritrix strips session ids by default for the same reason. Matched without case,
  // the session names whole, so "sid" drops "SID" but not "side".
  static std::vector<std::string> DefaultDroppedParams();

  // Fails on a pattern that does not compile, naming it.
  static Result<UrlNormalizer> Create(const NormalizeOptions& options);

  // The dedup key of a parsed http(s) URL (see above). One allocation for the result, two more when
  // parameters are sorted, and one per parameter name that has to be percent-decoded to be matched.
  std::string Normalize(const Url& url) const;

 private:
  UrlNormalizer(PatternSet drop, bool sort) : drop_(std::move(drop)), sort_(sort) {}

  void AppendPath(std::string& out, std::string_view path) const;
  void AppendSegment(std::string& out, std::string_view segment) const;
  void AppendQuery(std::string& out, std::string_view query) const;
  void AppendFilteredQuery(std::string& out, std::string_view query) const;
  void AppendSortedQuery(std::string& out, std::string_view query) const;
  bool Dropped(std::string_view param) const;

  PatternSet drop_;
  bool sort_;
};

}  // namespace arachne
