#include "export/record_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace arachne {
namespace {

std::string Json(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

TEST(AppendJsonString, EscapesWhatRfc8259Requires) {
  EXPECT_EQ(Json("plain"), "\"plain\"");
  EXPECT_EQ(Json("q\"b\\"), "\"q\\\"b\\\\\"");
  EXPECT_EQ(Json("\n\r\t\b\f"), "\"\\n\\r\\t\\b\\f\"");
  EXPECT_EQ(Json(std::string("\x00\x01\x1f", 3)), "\"\\u0000\\u0001\\u001f\"");
  EXPECT_EQ(Json("/ \x7f \xC3\xA9"), "\"/ \x7f \xC3\xA9\"");  // allowed unescaped
}

TEST(AppendJsonString, ReplacesIllFormedUtf8) {
  EXPECT_EQ(Json("a\xFF\"b"), "\"a\xEF\xBF\xBD\\\"b\"");
}

// Every one-byte and two-byte string survives a round trip through nlohmann's strict parser.
TEST(AppendJsonString, AnyBytesGiveAValidJsonString) {
  for (int a = 0; a < 0x100; ++a) {
    for (int b = 0; b < 0x100; ++b) {
      const char bytes[] = {static_cast<char>(a), static_cast<char>(b)};
      const std::string json = Json(std::string_view(bytes, 2));
      ASSERT_TRUE(nlohmann::json::accept(json)) << a << " " << b << ": " << json;
    }
  }
}

TEST(AppendRecordJson, NumbersAreJsonNumbers) {
  Record r;
  r.status = 301;
  r.depth = 2;
  r.bytes = 1234;
  r.fetch_ms = 5.56;
  r.links = 7;
  std::string out;
  AppendRecordJson(out, r);
  EXPECT_EQ(
      out,
      "{\"url\":\"\",\"final_url\":\"\",\"redirects\":[],\"status\":301,\"depth\":2,\"referrer\":\"\","
      "\"content_type\":\"\",\"bytes\":1234,\"truncated\":false,\"charset\":\"\",\"fetch_ms\":5.6,\"retries\":0,"
      "\"title\":\"\",\"description\":\"\",\"canonical\":\"\",\"robots\":\"\",\"links\":7,\"error\":\"\"}");
}

}  // namespace
}  // namespace arachne
