#include "url/url.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace arachne {
namespace {

Url MustParse(std::string_view input) {
  Result<Url> url = Url::Parse(input);
  EXPECT_TRUE(url.ok()) << input << ": " << url.status().ToString();
  return url.ok() ? *std::move(url) : Url();
}

Url MustResolve(std::string_view input, std::string_view base) {
  const Url base_url = MustParse(base);
  Result<Url> url = Url::Parse(input, base_url);
  EXPECT_TRUE(url.ok()) << input << " against " << base << ": " << url.status().ToString();
  return url.ok() ? *std::move(url) : Url();
}

TEST(UrlTest, Components) {
  const Url url = MustParse("HTTPS://User:Pass@Example.COM:8443/a/./b/../c?q=1#frag");
  EXPECT_EQ(url.href(), "https://User:Pass@example.com:8443/a/c?q=1#frag");
  EXPECT_EQ(url.scheme(), "https");
  EXPECT_EQ(url.username(), "User");
  EXPECT_EQ(url.password(), "Pass");
  EXPECT_EQ(url.host(), "example.com");
  EXPECT_EQ(url.port(), "8443");
  EXPECT_EQ(url.path(), "/a/c");
  EXPECT_EQ(url.query(), "q=1");
  EXPECT_EQ(url.fragment(), "frag");
  EXPECT_TRUE(url.has_host());
  EXPECT_FALSE(url.has_opaque_path());
}

TEST(UrlTest, ResolvesTypicalLinks) {
  const std::string base = "http://example.com/dir/page.html?x=1#top";
  EXPECT_EQ(MustResolve("other.html", base).href(), "http://example.com/dir/other.html");
  EXPECT_EQ(MustResolve("../up", base).href(), "http://example.com/up");
  EXPECT_EQ(MustResolve("/root?q", base).href(), "http://example.com/root?q");
  EXPECT_EQ(MustResolve("?only", base).href(), "http://example.com/dir/page.html?only");
  EXPECT_EQ(MustResolve("#here", base).href(), "http://example.com/dir/page.html?x=1#here");
  EXPECT_EQ(MustResolve("", base).href(), "http://example.com/dir/page.html?x=1");
  EXPECT_EQ(MustResolve("//cdn.example.net/s.js", base).href(), "http://cdn.example.net/s.js");
  EXPECT_EQ(MustResolve("https://Other.example/", base).href(), "https://other.example/");
  EXPECT_EQ(MustResolve("  a b\n/c\t ", base).href(), "http://example.com/dir/a%20b/c");
  EXPECT_EQ(MustResolve("mailto:someone@example.com", base).href(), "mailto:someone@example.com");
}

TEST(UrlTest, QueryAndFragmentPresence) {
  const Url none = MustParse("http://h/p");
  EXPECT_FALSE(none.has_query());
  EXPECT_FALSE(none.has_fragment());
  const Url empty = MustParse("http://h/p?#");
  EXPECT_TRUE(empty.has_query());
  EXPECT_TRUE(empty.has_fragment());
  EXPECT_EQ(empty.query(), "");
  EXPECT_EQ(empty.fragment(), "");
  EXPECT_EQ(empty.href(), "http://h/p?#");
  const Url fragment_only = MustParse("http://h/p#a?b");
  EXPECT_FALSE(fragment_only.has_query());
  EXPECT_EQ(fragment_only.fragment(), "a?b");
  EXPECT_EQ(fragment_only.path(), "/p");
}

TEST(UrlTest, EffectivePort) {
  EXPECT_EQ(MustParse("http://h/").effective_port(), 80);
  EXPECT_EQ(MustParse("https://h/").effective_port(), 443);
  EXPECT_EQ(MustParse("http://h:8080/").effective_port(), 8080);
  EXPECT_EQ(MustParse("https://h:443/").port(), "");             // the default is dropped ...
  EXPECT_EQ(MustParse("https://h:443/").effective_port(), 443);  // ... but still in effect
  EXPECT_EQ(MustParse("http://h:0/").effective_port(), 0);
  EXPECT_EQ(MustParse("ws://h/").effective_port(), 80);
  EXPECT_EQ(MustParse("ftp://h/").effective_port(), 21);
  EXPECT_EQ(MustParse("foo://h/").effective_port(), 0);
  EXPECT_EQ(MustParse("foo://h:65535/").effective_port(), 65535);
  EXPECT_FALSE(Url::Parse("http://h:65536/").ok());
}

TEST(UrlTest, IsHttp) {
  EXPECT_TRUE(MustParse("http://h/").is_http());
  EXPECT_TRUE(MustParse("HTTPS://h/").is_http());
  EXPECT_FALSE(MustParse("ftp://h/").is_http());
  EXPECT_FALSE(MustParse("httpx://h/").is_http());
  EXPECT_FALSE(MustParse("javascript:alert(1)").is_http());
}

TEST(UrlTest, Origin) {
  EXPECT_EQ(MustParse("http://Example.com/a?b#c").origin(), "http://example.com");
  EXPECT_EQ(MustParse("http://example.com:80/").origin(), "http://example.com");
  EXPECT_EQ(MustParse("https://u:p@example.com:8443/").origin(), "https://example.com:8443");
  EXPECT_EQ(MustParse("http://[::1]:81/").origin(), "http://[::1]:81");
  EXPECT_EQ(MustParse("file:///etc/passwd").origin(), "null");
  EXPECT_EQ(MustParse("mailto:a@b").origin(), "null");
  EXPECT_EQ(MustParse("blob:https://a.example/uuid").origin(), "https://a.example");
  EXPECT_EQ(MustParse("blob:ftp://a.example/uuid").origin(), "null");
}

TEST(UrlTest, WithoutFragment) {
  EXPECT_EQ(MustParse("http://h/p?q#f").WithoutFragment(), "http://h/p?q");
  EXPECT_EQ(MustParse("http://h/p#").WithoutFragment(), "http://h/p");
  EXPECT_EQ(MustParse("http://h/p?q").WithoutFragment(), "http://h/p?q");
  // The dedup key is the same however the link was written.
  EXPECT_EQ(MustParse("HTTP://H:80/a/../p#x").WithoutFragment(), MustParse("http://h/p#y").WithoutFragment());
}

TEST(UrlTest, InternationalHosts) {
  EXPECT_EQ(MustParse("http://Bücher.example/").host(), "xn--bcher-kva.example");
  EXPECT_EQ(MustParse("http://%F0%9F%92%A9.la/").host(), "xn--ls8h.la");
  EXPECT_EQ(MustParse("http://-x.bücher.example/").host(), "-x.xn--bcher-kva.example");  // CheckHyphens off
  EXPECT_FALSE(Url::Parse("http://\xEF\xBF\xBD/").ok());  // U+FFFD is disallowed
}

TEST(UrlTest, FailuresSayWhy) {
  const Result<Url> relative = Url::Parse("/no/base");
  ASSERT_FALSE(relative.ok());
  EXPECT_EQ(relative.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(relative.status().message(),
            "invalid URL '/no/base': it has no scheme and there is no base URL to resolve it against");
  EXPECT_NE(Url::Parse("http://a b/").status().message().find("forbidden"), std::string::npos);
  EXPECT_NE(Url::Parse("http://h:x/").status().message().find("port"), std::string::npos);
  const Url opaque = MustParse("mailto:x@y");
  EXPECT_FALSE(Url::Parse("other", opaque).ok());
  EXPECT_EQ(Url::Parse("#f", opaque)->href(), "mailto:x@y#f");
}

// --- Hostile input: must fail or parse cleanly, never crash or hang.

TEST(UrlHostileTest, HundredKilobyteUrl) {
  const std::string path(100 * 1024, 'a');
  const Url url = MustParse("http://example.com/" + path + "?q");
  EXPECT_EQ(url.path().size(), path.size() + 1);
  EXPECT_EQ(url.query(), "q");
  const std::string dots = [] {
    std::string s = "http://h/";
    for (int i = 0; i < 25000; ++i) s += "../";
    return s + "x";
  }();
  EXPECT_EQ(MustParse(dots).href(), "http://h/x");
  const std::string spaces(100 * 1024, ' ');
  EXPECT_EQ(MustParse("http://h/" + spaces + "x").path().size(), 1 + 3 * spaces.size() + 1);
  EXPECT_TRUE(Url::Parse("http://" + std::string(100 * 1024, 'h') + "/").ok());
  const Result<Url> long_idn = Url::Parse("http://" + std::string(100 * 1024, 'h') + "\xC3\xBC/");
  ASSERT_FALSE(long_idn.ok());  // ICU converts labels of up to 1000 code points
  EXPECT_NE(long_idn.status().message().find("label too long"), std::string::npos);
  EXPECT_TRUE(Url::Parse("http://" + std::string(900, 'h') + "\xC3\xBC/").ok());
  EXPECT_FALSE(Url::Parse("http://h:" + std::string(100 * 1024, '9') + "/").ok());
  EXPECT_FALSE(Url::Parse("http://[" + std::string(100 * 1024, ':') + "]/").ok());
  EXPECT_FALSE(Url::Parse("http://" + std::string(100 * 1024, '.') + "1/").ok());
  const Result<Url> long_failure = Url::Parse(std::string(100 * 1024, 'x'));
  ASSERT_FALSE(long_failure.ok());
  EXPECT_LT(long_failure.status().message().size(), 300u);  // the message quotes a prefix only
}

TEST(UrlHostileTest, NulBytes) {
  using std::string_literals::operator""s;
  EXPECT_FALSE(Url::Parse("http://h\0st/"s).ok());  // a forbidden host code point
  EXPECT_FALSE(Url::Parse("http://h%00st/"s).ok());
  EXPECT_EQ(MustParse("http://h/a\0b?c\0d#e\0f"s).href(), "http://h/a%00b?c%00d#e%00f");
  EXPECT_EQ(MustParse("\0http://h/\0"s).href(), "http://h/");  // leading and trailing C0 are trimmed
  EXPECT_FALSE(Url::Parse("\0"s).ok());
  EXPECT_FALSE(Url::Parse("http://\xC3\xBC\0/"s).ok());
}

TEST(UrlHostileTest, InvalidUtf8) {
  // Outside the host, bytes are percent-encoded as they are.
  EXPECT_EQ(MustParse("http://h/\xFF\xC0?\x80#\xFE").href(), "http://h/%FF%C0?%80#%FE");
  EXPECT_EQ(MustParse("foo:\xFF").href(), "foo:%FF");
  EXPECT_EQ(MustParse("foo://\xFF/").href(), "foo://%FF/");
  // In a domain, invalid UTF-8 (raw or percent-encoded) is an error.
  EXPECT_FALSE(Url::Parse("http://\xFF/").ok());
  EXPECT_FALSE(Url::Parse("http://%FF/").ok());
  EXPECT_FALSE(Url::Parse("http://\xC3/").ok());
  EXPECT_FALSE(Url::Parse("http://a\xED\xA0\x80.com/").ok());  // an encoded surrogate
  // The message stays printable ASCII whatever the input was.
  const Result<Url> bad = Url::Parse("\xFF\x01no scheme");
  ASSERT_FALSE(bad.ok());
  const std::string message = bad.status().message();
  for (char c : message) {
    EXPECT_TRUE(c >= 0x20 && c < 0x7F) << static_cast<int>(static_cast<unsigned char>(c));
  }
}

TEST(UrlHostileTest, EveryByteInEveryPosition) {
  // Each byte value in the host, path, query and fragment, raw and as a relative link.
  const Url base = MustParse("http://example.com/a/b");
  for (int b = 0; b < 256; ++b) {
    const std::string byte(1, static_cast<char>(b));
    const std::vector<std::string> inputs = {
        "http://h" + byte + "x/", "http://h/" + byte, "http://h/?" + byte, "http://h/#" + byte, byte,
        byte + byte + "x",        "x:" + byte};
    for (const std::string& input : inputs) {
      const Result<Url> url = Url::Parse(input, base);
      if (!url.ok()) continue;
      const Result<Url> again = Url::Parse(url->href());  // a serialized URL parses to itself
      ASSERT_TRUE(again.ok()) << url->href();
      EXPECT_EQ(again->href(), url->href());
    }
  }
}

}  // namespace
}  // namespace arachne
