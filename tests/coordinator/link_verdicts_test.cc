#include "coordinator/link_verdicts.h"

#include <gtest/gtest.h>

#include <string>

namespace arachne {
namespace {

TEST(LinkVerdicts, RemembersEachLinksVerdictBySpelling) {
  LinkVerdicts verdicts;
  EXPECT_EQ(verdicts.Find("http://a/x"), nullptr);
  verdicts.Remember("http://a/x", {LinkVerdict::Kind::kAdmitted, Trap::kNone});
  verdicts.Remember("http://a/x/x/x/x", {LinkVerdict::Kind::kTrap, Trap::kRepeatedSegments});
  verdicts.Remember("mailto:x", {LinkVerdict::Kind::kInvalid, Trap::kNone});
  ASSERT_NE(verdicts.Find("http://a/x"), nullptr);
  EXPECT_EQ(verdicts.Find("http://a/x")->kind, LinkVerdict::Kind::kAdmitted);
  ASSERT_NE(verdicts.Find("http://a/x/x/x/x"), nullptr);
  EXPECT_EQ(verdicts.Find("http://a/x/x/x/x")->trap, Trap::kRepeatedSegments);
  EXPECT_EQ(verdicts.Find("mailto:x")->kind, LinkVerdict::Kind::kInvalid);
  EXPECT_EQ(verdicts.Find("http://a/X"), nullptr);  // another spelling is another link
  EXPECT_EQ(verdicts.size(), 3u);
}

TEST(LinkVerdicts, GrowsAndWhenFullStartsAfresh) {
  LinkVerdicts verdicts(5000);
  for (int i = 0; i < 5000; ++i) verdicts.Remember("http://a/" + std::to_string(i), {});
  EXPECT_EQ(verdicts.size(), 5000u);
  for (int i = 0; i < 5000; ++i) ASSERT_NE(verdicts.Find("http://a/" + std::to_string(i)), nullptr) << i;
  verdicts.Remember("http://a/one-more", {});  // over the bound: forgets the rest
  EXPECT_EQ(verdicts.size(), 1u);
  EXPECT_NE(verdicts.Find("http://a/one-more"), nullptr);
  EXPECT_EQ(verdicts.Find("http://a/1"), nullptr);
}

}  // namespace
}  // namespace arachne
