// UrlParser: the basic URL parser (https://url.spec.whatwg.org/#concept-basic-url-parser) without state
// override, writing the serialized URL straight into Url::href_ as it goes.
//
// The standard's state machine reads one code point at a time into buffers; this parser takes each state
// a run of input at a time (a whole authority, a whole path segment) and appends the serialized component
// directly, so that resolving a link costs one allocation. Method names follow the standard's states.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "arachne/status.h"
#include "url/url.h"

namespace arachne {

class UrlParser {
 public:
  static Result<Url> Parse(std::string_view input, const Url* base);

 private:
  UrlParser(std::string_view input, const Url* base, Url& url);
  UrlParser(const UrlParser&) = delete;
  UrlParser& operator=(const UrlParser&) = delete;

  // Each returns nullptr on success, else the reason the URL is invalid.
  const char* Run();
  const char* NoScheme();
  const char* SpecialRelativeOrAuthority();
  const char* Relative();
  const char* RelativeSlash();
  const char* Authority();
  const char* HostAndPort(std::string_view host_and_port);
  const char* File();
  const char* FileSlash();
  const char* FileHost();
  void PathStart();
  void Path();
  void OpaquePath();
  void Query();
  void Fragment();
  const char* Finish();

  // Scheme ':' and the authority of the base, and the base's path and query, copied as they are.
  void CopyBaseAuthority();
  void CopyBasePath();
  void CopyBaseQuery();
  void BeginEmptyAuthority();
  void BeginEmptyFileHost();  // "//" and the empty host a file URL has by default
  void ShortenPath();

  bool AtEnd() const { return pos_ >= input_.size(); }
  char Peek(std::size_t ahead = 0) const {
    return pos_ + ahead < input_.size() ? input_[pos_ + ahead] : '\0';
  }
  bool IsSlash(char c) const { return c == '/' || (special_ && c == '\\'); }
  bool IsFile() const { return url_.scheme_type_ == Url::Scheme::kFile; }
  bool RestStartsWithWindowsDriveLetter() const;
  std::uint32_t Size() const { return static_cast<std::uint32_t>(out_.size()); }

  std::string_view input_;
  std::string cleaned_;  // the input with tabs and newlines removed, when it had any
  std::size_t pos_ = 0;
  const Url* base_;
  Url& url_;
  std::string& out_;  // url_.href_
  bool special_ = false;
};

}  // namespace arachne
