#include "scope/scope.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace arachne {
namespace {

using Verdict = Scope::Verdict;

Scope MakeScope(const ScopeConfig& config, const std::vector<std::string>& seeds) {
  Result<Scope> scope = Scope::Create(config, seeds);
  EXPECT_TRUE(scope.ok()) << scope.status().ToString();
  return std::move(*scope);
}

Verdict CheckUrl(const Scope& scope, const std::string& href) {
  Result<Url> url = Url::Parse(href);
  EXPECT_TRUE(url.ok()) << href;
  return scope.Check(*url);
}

TEST(Scope, SeedDerivedScopeComparesHostAndPort) {
  Scope scope = MakeScope({}, {"http://127.0.0.1:8080/index.html"});
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8080/a/b.html"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "https://127.0.0.1:8080/"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:9000/"), Verdict::kOutOfDomain);
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1/"), Verdict::kOutOfDomain);
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.2:8080/"), Verdict::kOutOfDomain);
  EXPECT_EQ(CheckUrl(scope, "http://localhost:8080/"), Verdict::kOutOfDomain);
}

TEST(Scope, SeedDerivedScopeHasNoSubdomains) {
  Scope scope = MakeScope({}, {"http://example.com/"});
  EXPECT_EQ(CheckUrl(scope, "http://example.com/x"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "http://www.example.com/x"), Verdict::kOutOfDomain);
  EXPECT_EQ(CheckUrl(scope, "http://example.org/x"), Verdict::kOutOfDomain);
}

TEST(Scope, SeedOnDefaultPortAdmitsBothDefaultPorts) {
  Scope scope = MakeScope({}, {"http://example.com/"});
  EXPECT_EQ(CheckUrl(scope, "https://example.com/"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "http://example.com:443/"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "http://example.com:8080/"), Verdict::kOutOfDomain);
}

TEST(Scope, SeveralSeedsEachAdmitTheirOwnPort) {
  Scope scope = MakeScope({}, {"http://127.0.0.1:8080/", "http://127.0.0.1:8081/", "https://[::1]:9443/"});
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8080/"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8081/"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8082/"), Verdict::kOutOfDomain);
  EXPECT_EQ(CheckUrl(scope, "https://[::1]:9443/x"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "https://[::1]:8080/x"), Verdict::kOutOfDomain);
}

TEST(Scope, AllowedDomainsAdmitSubdomainsOnAnyPort) {
  ScopeConfig config;
  config.allowed_domains = {"Example.COM", "127.0.0.1"};
  Scope scope = MakeScope(config, {"http://127.0.0.1:8080/"});
  EXPECT_EQ(CheckUrl(scope, "http://example.com/"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "https://www.example.com:8443/"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "http://a.b.example.com/"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "http://badexample.com/"), Verdict::kOutOfDomain);
  EXPECT_EQ(CheckUrl(scope, "http://example.com.evil.org/"), Verdict::kOutOfDomain);
  EXPECT_EQ(CheckUrl(scope, "http://com/"), Verdict::kOutOfDomain);
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:9000/"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.2/"), Verdict::kOutOfDomain);
  EXPECT_EQ(CheckUrl(scope, "http://example.org/"), Verdict::kOutOfDomain);
}

TEST(Scope, AllowedDomainsReplaceTheSeedsHosts) {
  ScopeConfig config;
  config.allowed_domains = {"example.org"};
  Scope scope = MakeScope(config, {"http://127.0.0.1:8080/"});
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8080/"), Verdict::kOutOfDomain);
  EXPECT_EQ(CheckUrl(scope, "http://example.org/"), Verdict::kAllowed);
}

TEST(Scope, InternationalDomainsCompareAsPunycode) {
  ScopeConfig config;
  config.allowed_domains = {"bücher.example"};
  Scope scope = MakeScope(config, {});
  EXPECT_EQ(CheckUrl(scope, "http://xn--bcher-kva.example/"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "http://www.BÜCHER.example/"), Verdict::kAllowed);
}

TEST(Scope, NonHttpIsRefusedFirst) {
  Scope scope = MakeScope({}, {"http://127.0.0.1:8080/"});
  EXPECT_EQ(CheckUrl(scope, "mailto:someone@127.0.0.1"), Verdict::kNotHttp);
  EXPECT_EQ(CheckUrl(scope, "javascript:void(0)"), Verdict::kNotHttp);
  EXPECT_EQ(CheckUrl(scope, "ftp://127.0.0.1:8080/"), Verdict::kNotHttp);
  EXPECT_EQ(CheckUrl(scope, "ws://127.0.0.1:8080/"), Verdict::kNotHttp);
  EXPECT_EQ(CheckUrl(scope, "file:///etc/passwd"), Verdict::kNotHttp);
}

TEST(Scope, AllowPatternsMustMatchWhenGiven) {
  ScopeConfig config;
  config.allow = {"/docs/", "/blog/"};
  Scope scope = MakeScope(config, {"http://127.0.0.1:8080/"});
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8080/docs/a"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8080/blog/b"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8080/shop/c"), Verdict::kNotAllowed);
  // Domain comes before patterns: an allowed path on another host is still out of domain.
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:9/docs/a"), Verdict::kOutOfDomain);
}

TEST(Scope, DenyWinsOverAllow) {
  ScopeConfig config;
  config.allow = {"/docs/"};
  config.deny = {R"(\.pdf$)", "[?&]session="};
  Scope scope = MakeScope(config, {"http://127.0.0.1:8080/"});
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8080/docs/a.html"), Verdict::kAllowed);
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8080/docs/a.pdf"), Verdict::kDenied);
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8080/docs/?session=1"), Verdict::kDenied);
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8080/a.pdf"), Verdict::kDenied);
}

TEST(Scope, PatternsSeeTheNormalizedUrlWithoutFragment) {
  ScopeConfig config;
  config.deny = {"#", "/b/", "top$"};
  Scope scope = MakeScope(config, {"http://127.0.0.1:8080/"});
  // The fragment is not part of what is matched, so "#" and "top$" cannot match it.
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8080/a#top"), Verdict::kAllowed);
  // Dot segments are removed before matching: /a/../b/ is /b/.
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8080/a/../b/x"), Verdict::kDenied);
  EXPECT_TRUE(scope.Allows(*Url::Parse("http://127.0.0.1:8080/c")));
  EXPECT_FALSE(scope.Allows(*Url::Parse("http://127.0.0.1:8080/b/")));
}

TEST(Scope, EmptyScopeWithoutSeedsAdmitsNothing) {
  Scope scope = MakeScope({}, {});
  EXPECT_EQ(CheckUrl(scope, "http://127.0.0.1:8080/"), Verdict::kOutOfDomain);
}

TEST(Scope, CreateRefusesBadInput) {
  EXPECT_FALSE(Scope::Create({}, {"not a url"}).ok());
  EXPECT_FALSE(Scope::Create({}, {"ftp://127.0.0.1/"}).ok());
  ScopeConfig bad_regex;
  bad_regex.deny = {"("};
  Result<Scope> scope = Scope::Create(bad_regex, {"http://127.0.0.1/"});
  ASSERT_FALSE(scope.ok());
  EXPECT_NE(scope.status().message().find("'('"), std::string::npos) << scope.status().message();
  ScopeConfig bad_domain;
  bad_domain.allowed_domains = {"http://example.com/"};
  EXPECT_FALSE(Scope::Create(bad_domain, {}).ok());
}

TEST(Scope, NormalizeDomain) {
  EXPECT_EQ(*Scope::NormalizeDomain("Example.COM"), "example.com");
  EXPECT_EQ(*Scope::NormalizeDomain("[::1]"), "[::1]");
  EXPECT_EQ(*Scope::NormalizeDomain("127.0.0.1"), "127.0.0.1");
  for (const char* bad : {"", "example.com:80", "example.com/path", "http://example.com", "*.example.com",
                          "user@example.com", "exa mple.com", "[::1"}) {
    Result<std::string> domain = Scope::NormalizeDomain(bad);
    EXPECT_FALSE(domain.ok()) << bad;
    if (!domain.ok()) {
      EXPECT_NE(domain.status().message().find("invalid domain"), std::string::npos);
    }
  }
}

TEST(Scope, SurvivesAMove) {
  ScopeConfig config;
  config.deny = {"/private/"};
  Scope scope = MakeScope(config, {"http://127.0.0.1:8080/"});
  Scope moved = std::move(scope);
  EXPECT_EQ(CheckUrl(moved, "http://127.0.0.1:8080/private/x"), Verdict::kDenied);
  EXPECT_EQ(CheckUrl(moved, "http://127.0.0.1:8080/public/x"), Verdict::kAllowed);
}

TEST(Scope, VerdictNames) {
  EXPECT_STREQ(Scope::VerdictName(Verdict::kAllowed), "allowed");
  EXPECT_STREQ(Scope::VerdictName(Verdict::kNotHttp), "not http");
  EXPECT_STREQ(Scope::VerdictName(Verdict::kOutOfDomain), "out of domain");
  EXPECT_STREQ(Scope::VerdictName(Verdict::kDenied), "denied");
  EXPECT_STREQ(Scope::VerdictName(Verdict::kNotAllowed), "not allowed");
}

}  // namespace
}  // namespace arachne
