#include "url/url.h"

#include "url/url_parser.h"

namespace arachne {

Result<Url> Url::Parse(std::string_view input) {
  return UrlParser::Parse(input, nullptr);
}

Result<Url> Url::Parse(std::string_view input, const Url& base) {
  return UrlParser::Parse(input, &base);
}

std::string_view Url::query() const {
  return has_query_ ? Slice(query_begin_ + 1, fragment_begin_) : std::string_view();
}

std::string_view Url::fragment() const {
  return has_fragment_ ? Slice(fragment_begin_ + 1, static_cast<std::uint32_t>(href_.size()))
                       : std::string_view();
}

Url::Scheme Url::ClassifyScheme(std::string_view s) {
  if (s == "http") return Scheme::kHttp;
  if (s == "https") return Scheme::kHttps;
  if (s == "ws") return Scheme::kWs;
  if (s == "wss") return Scheme::kWss;
  if (s == "ftp") return Scheme::kFtp;
  if (s == "file") return Scheme::kFile;
  return Scheme::kOther;
}

// https://url.spec.whatwg.org/#default-port
std::uint16_t Url::DefaultPort(Scheme scheme) {
  switch (scheme) {
    case Scheme::kHttp:
    case Scheme::kWs: return 80;
    case Scheme::kHttps:
    case Scheme::kWss: return 443;
    case Scheme::kFtp: return 21;
    case Scheme::kFile:
    case Scheme::kOther: return 0;
  }
  return 0;
}

std::uint16_t Url::effective_port() const {
  const std::string_view digits = port();
  if (digits.empty()) return DefaultPort(scheme_type_);
  std::uint16_t value = 0;
  for (char c : digits) value = static_cast<std::uint16_t>(value * 10 + (c - '0'));  // parser checked
  return value;
}

bool Url::is_http() const {
  return scheme_type_ == Scheme::kHttp || scheme_type_ == Scheme::kHttps;
}

// https://url.spec.whatwg.org/#concept-url-origin and the serialization of an origin
// (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin).
std::string Url::origin() const {
  switch (scheme_type_) {
    case Scheme::kHttp:
    case Scheme::kHttps:
    case Scheme::kWs:
    case Scheme::kWss:
    case Scheme::kFtp:
      return href_.substr(0, scheme_end_) + "://" + href_.substr(host_begin_, port_end_ - host_begin_);
    case Scheme::kFile: return "null";
    case Scheme::kOther: break;
  }
  // A blob: URL has the origin of the http(s) URL it wraps ("blob:https://a.example/uuid").
  if (scheme() != "blob") return "null";
  const Result<Url> inner = Parse(path());
  return inner.ok() && inner->is_http() ? inner->origin() : "null";
}

std::string Url::WithoutFragment() const {
  return href_.substr(0, has_fragment_ ? fragment_begin_ : href_.size());
}

}  // namespace arachne
