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
  // when it is the scheme's default, path starting with '/', query and fragment without '?' and '#'.
  std::string_view scheme() const;
  std::string_view username() const;
  std::string_view password() const;
  std::string_view host() const;
  std::string_view port() const;
  std::string_view path() const;
  std::string_view query() const;     // empty when absent or empty; has_query() tells them apart
  std::string_view fragment() const;  // likewise has_fragment()
  bool has_query() const;
  bool has_fragment() const;

  // The port in use: the explicit one, else 80 for http, 443 for https, 0 for others.
  std::uint16_t effective_port() const;
  bool is_http() const;  // scheme is http or https
  // "http://host:port", the unit of politeness and robots.txt: scheme, host and effective port.
  std::string origin() const;

  // The URL without its fragment, as the key a crawler dedups on: the parser has already lowercased the
  // scheme and host, converted IDNA to punycode, dropped a default port and removed dot segments.
  std::string WithoutFragment() const;

 private:
  std::string href_;
  // Offsets into href_, filled by the parser.
  std::uint32_t scheme_end_ = 0, username_begin_ = 0, username_end_ = 0, host_begin_ = 0, host_end_ = 0,
                port_begin_ = 0, port_end_ = 0, path_begin_ = 0, query_begin_ = 0, fragment_begin_ = 0;
  bool has_query_ = false, has_fragment_ = false;
  friend class UrlParser;
};

}  // namespace arachne
