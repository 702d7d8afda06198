#include "url/url_parser.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "url/host_parser.h"
#include "url/percent_encode.h"

namespace arachne {
namespace {

namespace pe = percent_encode;

// Offsets into the URL are 32-bit; percent-encoding can triple an input, so this keeps any result in
// range with room for the base. Far above any URL a server or browser accepts.
constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;

bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAsciiDigit(char c) {
  return c >= '0' && c <= '9';
}
char ToLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

// https://url.spec.whatwg.org/#scheme-state: ASCII alphanumeric, '+', '-' or '.'.
bool IsSchemeChar(char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '+' || c == '-' || c == '.';
}

bool IsSingleDotSegment(std::string_view s) {
  return s == "." || (s.size() == 3 && s[0] == '%' && s[1] == '2' && ToLower(s[2]) == 'e');
}

// "..", ".%2e", "%2e." or "%2e%2e", any case (https://url.spec.whatwg.org/#double-dot-path-segment).
bool IsDoubleDotSegment(std::string_view s) {
  if (s == "..") return true;
  if (s.size() == 4)
    return (s[0] == '.' && IsSingleDotSegment(s.substr(1))) ||
           (IsSingleDotSegment(s.substr(0, 3)) && s[3] == '.');
  return s.size() == 6 && IsSingleDotSegment(s.substr(0, 3)) && IsSingleDotSegment(s.substr(3));
}

// https://url.spec.whatwg.org/#windows-drive-letter: "C:" or "C|" (the normalized form has ':').
bool IsWindowsDriveLetter(std::string_view s) {
  return s.size() == 2 && IsAsciiAlpha(s[0]) && (s[1] == ':' || s[1] == '|');
}

// A path that starts with the segment "C:" ("/C:" or "/C:/..."), as the file scheme keeps it.
bool StartsWithNormalizedDriveLetterSegment(std::string_view path) {
  return path.size() >= 3 && path[0] == '/' && IsAsciiAlpha(path[1]) && path[2] == ':' &&
         (path.size() == 3 || path[3] == '/');
}

// The input as it may appear in an error message: at most 100 bytes, with control and non-ASCII bytes
// percent-encoded so that the message is printable, valid UTF-8 whatever the input was.
std::string Describe(std::string_view input) {
  constexpr std::size_t kMax = 100;
  std::string out;
  pe::AppendEncoded(out, input.substr(0, kMax), pe::kC0Control);
  if (input.size() > kMax) out += "...";
  return out;
}

}  // namespace

Result<Url> UrlParser::Parse(std::string_view input, const Url* base) {
  Url url;
  UrlParser parser(input, base, url);
  if (const char* error = parser.Run()) {
    return Status::InvalidArgument("invalid URL '" + Describe(input) + "': " + error);
  }
  return url;
}

UrlParser::UrlParser(std::string_view input, const Url* base, Url& url)
    : base_(base), url_(url), out_(url.href_) {
  // Basic URL parser steps 1 and 3: strip leading and trailing C0 control or space, and remove every
  // ASCII tab or newline (an href split across lines in HTML still means one URL).
  while (!input.empty() && static_cast<unsigned char>(input.front()) <= 0x20) input.remove_prefix(1);
  while (!input.empty() && static_cast<unsigned char>(input.back()) <= 0x20) input.remove_suffix(1);
  input_ = input;
  if (input.find_first_of("\t\n\r") == std::string_view::npos) return;
  cleaned_.reserve(input.size());
  for (char c : input) {
    if (c != '\t' && c != '\n' && c != '\r') cleaned_ += c;
  }
  input_ = cleaned_;
}

const char* UrlParser::Run() {
  if (input_.size() > kMaxInputBytes) return "URL is longer than 256 MiB";
  out_.reserve(input_.size() + (base_ != nullptr ? base_->href_.size() : 0) + 2);

  // Scheme start and scheme states: letters, then scheme characters, then ':'; anything else means the
  // input has no scheme and is relative.
  std::size_t colon = 0;
  if (IsAsciiAlpha(Peek())) {
    colon = 1;
    while (colon < input_.size() && IsSchemeChar(input_[colon])) ++colon;
  }
  if (colon == 0 || colon == input_.size() || input_[colon] != ':') {
    if (const char* error = NoScheme()) return error;
    return Finish();
  }
  for (std::size_t i = 0; i < colon; ++i) out_ += ToLower(input_[i]);
  out_ += ':';
  url_.scheme_end_ = static_cast<std::uint32_t>(colon);
  url_.scheme_type_ = Url::ClassifyScheme(std::string_view(out_).substr(0, colon));
  special_ = url_.scheme_type_ != Url::Scheme::kOther;
  pos_ = colon + 1;

  const char* error = nullptr;
  if (IsFile()) {
    error = File();
  } else if (special_ && base_ != nullptr && base_->scheme_type_ == url_.scheme_type_) {
    error = SpecialRelativeOrAuthority();
  } else if (special_) {
    // Special authority slashes and ignore slashes states: "http:example.com", "http:/\example.com" and
    // "http:///example.com" all have the host example.com.
    while (IsSlash(Peek())) ++pos_;
    error = Authority();
  } else if (Peek() == '/') {
    // Path or authority state.
    ++pos_;
    if (Peek() == '/') {
      ++pos_;
      error = Authority();
    } else {
      BeginEmptyAuthority();
      url_.path_begin_ = Size();
      Path();
    }
  } else {
    BeginEmptyAuthority();
    OpaquePath();
  }
  if (error != nullptr) return error;
  return Finish();
}

const char* UrlParser::NoScheme() {
  if (base_ == nullptr) return "it has no scheme and there is no base URL to resolve it against";
  if (base_->opaque_path_) {
    // Only a fragment can be added to a URL such as "mailto:x" or "data:...".
    if (Peek() != '#') return "it has no scheme and its base URL has an opaque path";
    url_ = *base_;
    special_ = url_.scheme_type_ != Url::Scheme::kOther;
    if (url_.has_fragment_) out_.resize(url_.fragment_begin_);
    url_.has_fragment_ = false;
    ++pos_;
    Fragment();
    return nullptr;
  }
  out_.append(base_->href_, 0, base_->scheme_end_ + 1);
  url_.scheme_end_ = base_->scheme_end_;
  url_.scheme_type_ = base_->scheme_type_;
  special_ = url_.scheme_type_ != Url::Scheme::kOther;
  return IsFile() ? File() : Relative();
}

const char* UrlParser::SpecialRelativeOrAuthority() {
  if (Peek() == '/' && Peek(1) == '/') {
    pos_ += 2;
    while (IsSlash(Peek())) ++pos_;
    return Authority();
  }
  return Relative();
}

// https://url.spec.whatwg.org/#relative-state: the input continues the base URL, keeping as much of it
// as comes before the first component the input has.
const char* UrlParser::Relative() {
  if (IsSlash(Peek())) {
    ++pos_;
    return RelativeSlash();
  }
  CopyBaseAuthority();
  CopyBasePath();
  if (AtEnd()) {
    CopyBaseQuery();
  } else if (Peek() == '?') {
    ++pos_;
    Query();
  } else if (Peek() == '#') {
    CopyBaseQuery();
    ++pos_;
    Fragment();
  } else {
    ShortenPath();
    Path();
  }
  return nullptr;
}

const char* UrlParser::RelativeSlash() {
  if (special_ && IsSlash(Peek())) {
    while (IsSlash(Peek())) ++pos_;
    return Authority();
  }
  if (!special_ && Peek() == '/') {
    ++pos_;
    return Authority();
  }
  CopyBaseAuthority();
  url_.path_begin_ = Size();
  Path();
  return nullptr;
}

// https://url.spec.whatwg.org/#authority-state: userinfo is everything before the last '@' of the
// authority (earlier '@'s are percent-encoded), split into username and password at its first ':'.
const char* UrlParser::Authority() {
  out_ += "//";
  url_.has_host_ = true;
  std::size_t end = pos_;
  while (end < input_.size() && input_[end] != '?' && input_[end] != '#' && !IsSlash(input_[end])) ++end;
  std::string_view authority = input_.substr(pos_, end - pos_);
  pos_ = end;

  url_.username_begin_ = url_.username_end_ = url_.password_begin_ = url_.password_end_ = Size();
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view userinfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
    if (authority.empty()) return "it has credentials but no host";
    const std::size_t colon = userinfo.find(':');
    pe::AppendEncoded(out_, userinfo.substr(0, colon), pe::kUserinfo);
    url_.username_end_ = url_.password_begin_ = url_.password_end_ = Size();
    if (colon != std::string_view::npos && colon + 1 < userinfo.size()) {
      out_ += ':';
      url_.password_begin_ = Size();
      pe::AppendEncoded(out_, userinfo.substr(colon + 1), pe::kUserinfo);
      url_.password_end_ = Size();
    }
    if (Size() > url_.username_begin_) out_ += '@';
  }
  if (const char* error = HostAndPort(authority)) return error;
  PathStart();
  return nullptr;
}

// https://url.spec.whatwg.org/#host-state and #port-state.
const char* UrlParser::HostAndPort(std::string_view host_and_port) {
  std::size_t colon = std::string_view::npos;
  bool in_brackets = false;  // an IPv6 address's ':'s are not the port's
  for (std::size_t i = 0; i < host_and_port.size(); ++i) {
    const char c = host_and_port[i];
    if (c == ':' && !in_brackets) {
      colon = i;
      break;
    }
    if (c == '[') in_brackets = true;
    if (c == ']') in_brackets = false;
  }
  const std::string_view host = host_and_port.substr(0, colon);
  if (host.empty() && colon != std::string_view::npos) return "it has a port but no host";
  if (host.empty() && special_) return "it has no host";
  url_.host_begin_ = Size();
  if (!host.empty()) {
    if (const char* error = ParseHost(host, special_, out_)) return error;
  }
  url_.host_end_ = url_.port_begin_ = url_.port_end_ = Size();
  if (colon == std::string_view::npos) return nullptr;

  const std::string_view digits = host_and_port.substr(colon + 1);
  std::uint32_t port = 0;
  for (char c : digits) {
    if (!IsAsciiDigit(c)) return "its port is not a number";
    port = std::min<std::uint32_t>(port * 10 + static_cast<std::uint32_t>(c - '0'), 100000);
  }
  if (digits.empty()) return nullptr;
  if (port > 65535) return "its port is greater than 65535";
  // Only special schemes have a default port; "foo://x:0" keeps its port 0.
  if (special_ && port == Url::DefaultPort(url_.scheme_type_)) return nullptr;
  out_ += ':';
  url_.port_begin_ = Size();
  out_ += std::to_string(port);
  url_.port_end_ = Size();
  return nullptr;
}

// https://url.spec.whatwg.org/#file-state
const char* UrlParser::File() {
  if (IsSlash(Peek())) {
    ++pos_;
    return FileSlash();
  }
  if (base_ == nullptr || base_->scheme_type_ != Url::Scheme::kFile) {
    BeginEmptyFileHost();
    url_.path_begin_ = Size();
    Path();
    return nullptr;
  }
  CopyBaseAuthority();
  if (AtEnd()) {
    CopyBasePath();
    CopyBaseQuery();
  } else if (Peek() == '?') {
    CopyBasePath();
    ++pos_;
    Query();
  } else if (Peek() == '#') {
    CopyBasePath();
    CopyBaseQuery();
    ++pos_;
    Fragment();
  } else {
    // "file:C:/x" against "file:///D:/y" replaces the whole path, drive letter and all.
    if (RestStartsWithWindowsDriveLetter()) {
      url_.path_begin_ = Size();
    } else {
      CopyBasePath();
      ShortenPath();
    }
    Path();
  }
  return nullptr;
}

// https://url.spec.whatwg.org/#file-slash-state
const char* UrlParser::FileSlash() {
  if (IsSlash(Peek())) {
    ++pos_;
    return FileHost();
  }
  if (base_ != nullptr && base_->scheme_type_ == Url::Scheme::kFile) {
    CopyBaseAuthority();
    url_.path_begin_ = Size();
    // "/x" against "file:///C:/y" stays on drive C:.
    const std::string_view base_path = base_->path();
    if (!RestStartsWithWindowsDriveLetter() && StartsWithNormalizedDriveLetterSegment(base_path)) {
      out_.append(base_path.substr(0, 3));
    }
  } else {
    BeginEmptyFileHost();
    url_.path_begin_ = Size();
  }
  Path();
  return nullptr;
}

// https://url.spec.whatwg.org/#file-host-state
const char* UrlParser::FileHost() {
  std::size_t end = pos_;
  while (end < input_.size() && input_[end] != '?' && input_[end] != '#' && !IsSlash(input_[end])) ++end;
  const std::string_view buffer = input_.substr(pos_, end - pos_);
  if (IsWindowsDriveLetter(buffer)) {
    // "file://C:/x" is the path /C:/x, not the host "c:".
    BeginEmptyFileHost();
    url_.path_begin_ = Size();
    Path();
    return nullptr;
  }
  pos_ = end;
  BeginEmptyFileHost();
  if (!buffer.empty()) {
    if (const char* error = ParseHost(buffer, /*special=*/true, out_)) return error;
    if (std::string_view(out_).substr(url_.host_begin_) == "localhost") out_.resize(url_.host_begin_);
  }
  url_.host_end_ = url_.port_begin_ = url_.port_end_ = Size();
  PathStart();
  return nullptr;
}

// https://url.spec.whatwg.org/#path-start-state
void UrlParser::PathStart() {
  url_.path_begin_ = Size();
  if (special_) {
    if (IsSlash(Peek())) ++pos_;
    Path();
    return;
  }
  if (AtEnd()) return;
  if (Peek() == '?') {
    ++pos_;
    Query();
    return;
  }
  if (Peek() == '#') {
    ++pos_;
    Fragment();
    return;
  }
  if (Peek() == '/') ++pos_;
  Path();
}

// https://url.spec.whatwg.org/#path-state, entered at the start of a segment; the segment's '/' has been
// consumed. Segments are appended as "/segment"; "." and ".." segments are resolved as they end.
void UrlParser::Path() {
  for (;;) {
    std::size_t end = pos_;
    while (end < input_.size() && input_[end] != '?' && input_[end] != '#' && !IsSlash(input_[end])) ++end;
    const std::string_view segment = input_.substr(pos_, end - pos_);
    const bool at_end = end == input_.size();
    const char delimiter = at_end ? '\0' : input_[end];
    const bool slash = !at_end && IsSlash(delimiter);
    if (IsDoubleDotSegment(segment)) {
      ShortenPath();
      if (!slash) out_ += '/';
    } else if (IsSingleDotSegment(segment)) {
      if (!slash) out_ += '/';
    } else {
      const bool path_was_empty = Size() == url_.path_begin_;
      out_ += '/';
      const std::size_t segment_begin = out_.size();
      pe::AppendEncoded(out_, segment, pe::kPath);
      // "C|" as a file URL's first segment is the drive "C:".
      if (IsFile() && path_was_empty && IsWindowsDriveLetter(segment)) out_[segment_begin + 1] = ':';
    }
    pos_ = end;
    if (at_end) return;
    ++pos_;
    if (slash) continue;
    if (delimiter == '?') {
      Query();
    } else {
      Fragment();
    }
    return;
  }
}

// https://url.spec.whatwg.org/#cannot-be-a-base-url-path-state ("mailto:x", "javascript:f()").
void UrlParser::OpaquePath() {
  url_.opaque_path_ = true;
  url_.path_begin_ = Size();
  std::size_t end = input_.find_first_of("?#", pos_);
  if (end == std::string_view::npos) end = input_.size();
  std::string_view path = input_.substr(pos_, end - pos_);
  // A space just before '?' or '#' is encoded, so that the path does not end in a space that would be
  // lost if the query or fragment were later removed.
  const bool space_before_delimiter = end < input_.size() && !path.empty() && path.back() == ' ';
  if (space_before_delimiter) path.remove_suffix(1);
  pe::AppendEncoded(out_, path, pe::kC0Control);
  if (space_before_delimiter) out_ += "%20";
  pos_ = end;
  if (AtEnd()) return;
  if (input_[pos_++] == '?') {
    Query();
  } else {
    Fragment();
  }
}

// https://url.spec.whatwg.org/#query-state; entered after the '?'. Special URLs also encode "'".
void UrlParser::Query() {
  url_.has_query_ = true;
  url_.query_begin_ = Size();
  out_ += '?';
  std::size_t end = input_.find('#', pos_);
  if (end == std::string_view::npos) end = input_.size();
  pe::AppendEncoded(out_, input_.substr(pos_, end - pos_), special_ ? pe::kSpecialQuery : pe::kQuery);
  pos_ = end;
  if (AtEnd()) return;
  ++pos_;
  Fragment();
}

// https://url.spec.whatwg.org/#fragment-state; entered after the '#'.
void UrlParser::Fragment() {
  url_.has_fragment_ = true;
  url_.fragment_begin_ = Size();
  out_ += '#';
  pe::AppendEncoded(out_, input_.substr(pos_), pe::kFragment);
  pos_ = input_.size();
}

const char* UrlParser::Finish() {
  if (!url_.has_fragment_) url_.fragment_begin_ = Size();
  if (!url_.has_query_) url_.query_begin_ = url_.fragment_begin_;
  // https://url.spec.whatwg.org/#url-serializing step 2.2: without a host, a path starting "//" would
  // read back as an authority, so "/." goes before it ("web+demo:/.//not-a-host/").
  const std::string_view path = url_.path();
  if (!url_.has_host_ && !url_.opaque_path_ && path.size() >= 2 && path[0] == '/' && path[1] == '/') {
    out_.insert(url_.path_begin_, "/.");
    url_.path_begin_ += 2;
    url_.query_begin_ += 2;
    url_.fragment_begin_ += 2;
  }
  if (out_.size() > std::numeric_limits<std::uint32_t>::max()) return "it is longer than 4 GiB";
  return nullptr;
}

void UrlParser::BeginEmptyAuthority() {
  url_.has_host_ = false;
  url_.username_begin_ = url_.username_end_ = url_.password_begin_ = url_.password_end_ = url_.host_begin_ =
      url_.host_end_ = url_.port_begin_ = url_.port_end_ = Size();
}

void UrlParser::BeginEmptyFileHost() {
  out_ += "//";
  BeginEmptyAuthority();
  url_.has_host_ = true;
}

void UrlParser::CopyBaseAuthority() {
  if (!base_->has_host_) {
    BeginEmptyAuthority();
    return;
  }
  // The scheme is the base's, so every offset up to the path is the base's too.
  out_.append(base_->href_, base_->scheme_end_ + 1, base_->port_end_ - base_->scheme_end_ - 1);
  url_.has_host_ = true;
  url_.username_begin_ = base_->username_begin_;
  url_.username_end_ = base_->username_end_;
  url_.password_begin_ = base_->password_begin_;
  url_.password_end_ = base_->password_end_;
  url_.host_begin_ = base_->host_begin_;
  url_.host_end_ = base_->host_end_;
  url_.port_begin_ = base_->port_begin_;
  url_.port_end_ = base_->port_end_;
}

void UrlParser::CopyBasePath() {
  url_.path_begin_ = Size();
  out_.append(base_->path());
}

void UrlParser::CopyBaseQuery() {
  if (!base_->has_query_) return;
  url_.has_query_ = true;
  url_.query_begin_ = Size();
  out_.append(base_->href_, base_->query_begin_, base_->fragment_begin_ - base_->query_begin_);
}

// https://url.spec.whatwg.org/#shorten-a-urls-path: drop the last segment, but never a file URL's drive.
void UrlParser::ShortenPath() {
  const std::string_view path = std::string_view(out_).substr(url_.path_begin_);
  if (path.empty()) return;
  if (IsFile() && path.size() == 3 && StartsWithNormalizedDriveLetterSegment(path)) return;
  out_.resize(url_.path_begin_ + path.rfind('/'));
}

bool UrlParser::RestStartsWithWindowsDriveLetter() const {
  const std::string_view rest = input_.substr(pos_);
  if (rest.size() < 2 || !IsWindowsDriveLetter(rest.substr(0, 2))) return false;
  return rest.size() == 2 || rest[2] == '/' || rest[2] == '\\' || rest[2] == '?' || rest[2] == '#';
}

}  // namespace arachne
