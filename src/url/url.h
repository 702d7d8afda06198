// Url: a URL parsed by the WHATWG URL Standard's basic URL parser (https://url.spec.whatwg.org/), the
// same rules browsers use, so that a link resolves where a browser would take it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "arachne/status.h"

namespace arachne {

class Url {
 public:
  // Parses an absolute URL. Fails ("invalid URL 'x': ...") where the standard says failure.
  static Result<Url> Parse(std::string_view input);
  // Parses `input` against `base`, as a link's href is resolved against its page (or <base href>).
  static Result<Url> Parse(std::string_view input, const Url& base);

  // The serialized URL (the standard's "href"): "http://example.com/a/b?c#d".
  const std::string& href() const { return href_; }
  // Components as the standard serializes them: scheme without ':', host in ASCII (punycode), port ""
  // when it is the scheme's default, path starting with '/' (an opaque path, as in "mailto:x@y", does
  // not), query and fragment without '?' and '#'.
  std::string_view scheme() const { return Slice(0, scheme_end_); }
  std::string_view username() const { return Slice(username_begin_, username_end_); }
  std::string_view password() const { return Slice(password_begin_, password_end_); }
  std::string_view host() const { return Slice(host_begin_, host_end_); }
  std::string_view port() const { return Slice(port_begin_, port_end_); }
  std::string_view path() const { return Slice(path_begin_, query_begin_); }
  std::string_view query() const;     // empty when absent or empty; has_query() tells them apart
  std::string_view fragment() const;  // likewise has_fragment()
  bool has_query() const { return has_query_; }
  bool has_fragment() const { return has_fragment_; }
  // False for URLs with no authority at all ("mailto:x", "foo:/p"); "file:///p" has an empty host.
  bool has_host() const { return has_host_; }
  // True for URLs such as "mailto:x" or "javascript:f()", whose path is not a list of segments and
  // against which no relative reference but "#fragment" resolves.
  bool has_opaque_path() const { return opaque_path_; }

  // The port in use: the explicit one, else the scheme's default (80 for http and ws, 443 for https and
  // wss, 21 for ftp), 0 for schemes that have none.
  std::uint16_t effective_port() const;
  bool is_http() const;  // scheme is http or https
  // "http://host:port", the unit of politeness and robots.txt: scheme, host and effective port, serialized
  // as the standard's origin (https://url.spec.whatwg.org/#origin): the port is left out when it is the
  // scheme's default, and URLs with an opaque origin (file:, data:, mailto: ...) give "null".
  std::string origin() const;

  // The URL without its fragment, as the key a crawler dedups on: the parser has already lowercased the
  // scheme and host, converted IDNA to punycode, dropped a default port and removed dot segments.
  std::string WithoutFragment() const;

 private:
  // Special schemes (https://url.spec.whatwg.org/#special-scheme) change how a URL parses.
  enum class Scheme : std::uint8_t { kOther, kHttp, kHttps, kWs, kWss, kFtp, kFile };
  static Scheme ClassifyScheme(std::string_view lowercase_scheme);
  static std::uint16_t DefaultPort(Scheme scheme);  // 0 when the scheme has none

  std::string_view Slice(std::uint32_t begin, std::uint32_t end) const {
    return std::string_view(href_).substr(begin, end - begin);
  }

  // One string holds the whole URL; the components are ranges of it:
  // scheme ':' ['//' [username [':' password] '@'] host [':' port]] ['/.'] path ['?' query] ['#' fragment]
  // query_begin_ is the end of the path ('?' when has_query_), fragment_begin_ the end of the query ('#'
  // when has_fragment_).
  std::string href_;
  std::uint32_t scheme_end_ = 0, username_begin_ = 0, username_end_ = 0, password_begin_ = 0,
                password_end_ = 0, host_begin_ = 0, host_end_ = 0, port_begin_ = 0, port_end_ = 0,
                path_begin_ = 0, query_begin_ = 0, fragment_begin_ = 0;
  Scheme scheme_type_ = Scheme::kOther;
  bool has_host_ = false, opaque_path_ = false, has_query_ = false, has_fragment_ = false;
  friend class UrlParser;
};

}  // namespace arachne
