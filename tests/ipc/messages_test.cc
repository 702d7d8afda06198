#include "ipc/messages.h"

#include <gtest/gtest.h>

#include "ipc/frame.h"

namespace arachne {
namespace {

// Splits `bytes` into frame payloads; fails the test on a framing error.
std::vector<std::string> Frames(const std::string& bytes) {
  FrameReader reader;
  reader.Append(bytes);
  std::vector<std::string> out;
  while (true) {
    auto next = reader.Next();
    EXPECT_TRUE(next.ok());
    if (!next.ok() || !next->has_value()) break;
    out.emplace_back(**next);
  }
  return out;
}

FetchOutcome SampleOutcome() {
  FetchOutcome o;
  o.id = 1234567890123ull;
  o.url = "http://127.0.0.1:8080/p/1.html";
  o.kind = FetchKind::kRobots;
  o.status = 404;
  o.content_type = "text/html; charset=utf-8";
  o.redirect_url = "http://127.0.0.1:8080/other";
  o.bytes = 31337;
  o.fetch_ms = 12.5;
  o.truncated = true;
  o.body_skipped = true;
  o.retry_after_s = 120;
  o.primary_ip = "127.0.0.2";
  o.body = std::string("User-agent: *\0Disallow: /", 25);
  o.error = "too large";
  o.error_detail = "Failure writing output to destination";
  o.sent_to_parser = true;
  return o;
}

TEST(Messages, FetchRoundTrip) {
  std::string out;
  Encode(out, FetchMessage{42, "http://a/b", FetchKind::kSitemap});
  auto frames = Frames(out);
  ASSERT_EQ(frames.size(), 1u);
  MessageType type;
  ASSERT_TRUE(PeekType(frames[0], type));
  EXPECT_EQ(type, MessageType::kFetch);
  FetchMessage m;
  ASSERT_TRUE(Decode(frames[0], m));
  EXPECT_EQ(m.id, 42u);
  EXPECT_EQ(m.url, "http://a/b");
  EXPECT_EQ(m.kind, FetchKind::kSitemap);
}

TEST(Messages, UnknownFetchKindIsRejected) {
  std::string out;
  Encode(out, FetchMessage{42, "http://a/b", FetchKind::kSitemap});
  std::string payload = Frames(out).at(0);
  payload.back() = 3;  // the kind is the last field: one past kSitemap
  FetchMessage m;
  EXPECT_FALSE(Decode(payload, m));
}

TEST(Messages, FetchOutcomeRoundTripKeepsEveryField) {
  std::string out;
  Encode(out, SampleOutcome());
  FetchOutcome m;
  ASSERT_TRUE(Decode(Frames(out).at(0), m));
  FetchOutcome want = SampleOutcome();
  EXPECT_EQ(m.id, want.id);
  EXPECT_EQ(m.url, want.url);
  EXPECT_EQ(m.status, want.status);
  EXPECT_EQ(m.content_type, want.content_type);
  EXPECT_EQ(m.redirect_url, want.redirect_url);
  EXPECT_EQ(m.bytes, want.bytes);
  EXPECT_EQ(m.fetch_ms, want.fetch_ms);
  EXPECT_EQ(m.kind, want.kind);
  EXPECT_EQ(m.truncated, want.truncated);
  EXPECT_EQ(m.body_skipped, want.body_skipped);
  EXPECT_EQ(m.retry_after_s, want.retry_after_s);
  EXPECT_EQ(m.primary_ip, want.primary_ip);
  EXPECT_EQ(m.body, want.body);
  EXPECT_EQ(m.error, want.error);
  EXPECT_EQ(m.error_detail, want.error_detail);
  EXPECT_EQ(m.sent_to_parser, want.sent_to_parser);
}

TEST(Messages, ParsedRoundTrip) {
  ParsedMessage p;
  p.fetch = SampleOutcome();
  p.title = "Titre \xc3\xa9t\xc3\xa9";
  p.description = "d";
  p.canonical = "http://a/c";
  p.link_count = 3;
  p.out_of_scope = 1;
  p.robots = "noindex";
  p.charset = "shift_jis";
  p.nofollow = 4;
  p.links_dropped = 5;
  p.links = {"http://a/1", "http://a/2"};
  p.sitemaps = {"http://a/s1.xml"};
  p.fields = {FieldValue{"price", false, false, {"12.50"}}, FieldValue{"tags", true, false, {"a", "", "c"}},
              FieldValue{"sku", false, true, {}}};
  p.error = "";
  std::string out;
  Encode(out, p);
  ParsedMessage m;
  ASSERT_TRUE(Decode(Frames(out).at(0), m));
  EXPECT_EQ(m.fetch.url, p.fetch.url);
  EXPECT_EQ(m.title, p.title);
  EXPECT_EQ(m.canonical, p.canonical);
  EXPECT_EQ(m.link_count, 3u);
  EXPECT_EQ(m.out_of_scope, 1u);
  EXPECT_EQ(m.links, p.links);
  EXPECT_EQ(m.robots, p.robots);
  EXPECT_EQ(m.charset, p.charset);
  EXPECT_EQ(m.nofollow, 4u);
  EXPECT_EQ(m.links_dropped, 5u);
  EXPECT_EQ(m.sitemaps, p.sitemaps);
  ASSERT_EQ(m.fields.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(m.fields[i].name, p.fields[i].name);
    EXPECT_EQ(m.fields[i].all, p.fields[i].all);
    EXPECT_EQ(m.fields[i].null, p.fields[i].null);
    EXPECT_EQ(m.fields[i].values, p.fields[i].values);
  }
}

TEST(Messages, BusyRoundTrip) {
  std::string out;
  Encode(out, BusyMessage{-5, 1'000'000'000'000, 32});
  BusyMessage m;
  ASSERT_TRUE(Decode(Frames(out).at(0), m));
  EXPECT_EQ(m.start_ns, -5);
  EXPECT_EQ(m.end_ns, 1'000'000'000'000);
  EXPECT_EQ(m.jobs, 32u);
  MessageType type;
  ASSERT_TRUE(PeekType(Frames(out).at(0), type));
  EXPECT_EQ(type, MessageType::kBusy);
}

TEST(Messages, ManyFramesInOneBufferArriveInOrder) {
  std::string out;
  for (std::uint64_t i = 0; i < 1000; ++i) Encode(out, PongMessage{i});
  auto frames = Frames(out);
  ASSERT_EQ(frames.size(), 1000u);
  for (std::uint64_t i = 0; i < 1000; ++i) {
    PongMessage t;
    ASSERT_TRUE(Decode(frames[i], t));
    EXPECT_EQ(t.seq, i);
  }
}

TEST(Messages, FramesSplitAcrossReadsReassemble) {
  std::string out;
  Encode(out, LogMessage{"hello"});
  Encode(out, ShutdownMessage{});
  FrameReader reader;
  std::vector<std::string> got;
  for (char c : out) {  // one byte at a time: the worst a stream socket can do
    reader.Append(std::string_view(&c, 1));
    auto next = reader.Next();
    ASSERT_TRUE(next.ok());
    if (next->has_value()) got.emplace_back(**next);
  }
  ASSERT_EQ(got.size(), 2u);
  LogMessage log;
  EXPECT_TRUE(Decode(got[0], log));
  EXPECT_EQ(log.text, "hello");
  ShutdownMessage shutdown;
  EXPECT_TRUE(Decode(got[1], shutdown));
}

TEST(Messages, PingAndPongCarryTheirSequenceAndAreNotConfused) {
  std::string out;
  Encode(out, PingMessage{41});
  Encode(out, PongMessage{41});
  std::vector<std::string> frames = Frames(out);
  ASSERT_EQ(frames.size(), 2u);
  MessageType type;
  ASSERT_TRUE(PeekType(frames[0], type));
  EXPECT_EQ(type, MessageType::kPing);
  ASSERT_TRUE(PeekType(frames[1], type));
  EXPECT_EQ(type, MessageType::kPong);
  PingMessage ping;
  PongMessage pong;
  ASSERT_TRUE(Decode(frames[0], ping));
  ASSERT_TRUE(Decode(frames[1], pong));
  EXPECT_EQ(ping.seq, 41u);
  EXPECT_EQ(pong.seq, 41u);
  EXPECT_FALSE(Decode(frames[0], pong));
  EXPECT_FALSE(Decode(frames[1], ping));
}

TEST(Messages, OversizedFrameLengthIsAProtocolError) {
  FrameReader reader;
  reader.Append(std::string("\xff\xff\xff\x7f", 4));
  auto next = reader.Next();
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.status().code(), Status::Code::kProtocolError);
}

TEST(Messages, ZeroLengthFrameIsAProtocolError) {
  FrameReader reader;
  reader.Append(std::string("\0\0\0\0", 4));
  EXPECT_FALSE(reader.Next().ok());
}

TEST(Messages, TruncatedPayloadsAreRejected) {
  std::string out;
  ParsedMessage p;
  p.fetch = SampleOutcome();
  p.links = {"http://a/1", "http://a/2"};
  p.fields = {FieldValue{"tags", true, false, {"a", "b"}}};
  Encode(out, p);
  std::string payload = Frames(out).at(0);
  for (std::size_t cut = 0; cut < payload.size(); ++cut) {
    ParsedMessage m;
    EXPECT_FALSE(Decode(std::string_view(payload).substr(0, cut), m)) << "cut at " << cut;
  }
}

TEST(Messages, TrailingBytesAreRejected) {
  std::string out;
  Encode(out, PongMessage{7});
  std::string payload = Frames(out).at(0) + "x";
  PongMessage m;
  EXPECT_FALSE(Decode(payload, m));
}

TEST(Messages, WrongTypeIsRejected) {
  std::string out;
  Encode(out, PongMessage{7});
  FetchMessage m;
  EXPECT_FALSE(Decode(Frames(out).at(0), m));
  // The retired Took (5) is no type at all.
  MessageType type;
  EXPECT_FALSE(PeekType(std::string("\x05\x07\0\0\0\0\0\0\0", 9), type));
  EXPECT_TRUE(PeekType(Frames(out).at(0), type));
  EXPECT_EQ(type, MessageType::kPong);
}

TEST(Messages, HugeLinkCountDoesNotAllocate) {
  // type, then a minimal FetchOutcome, then strings, then a link count of 2^62.
  std::string out;
  ParsedMessage p;
  Encode(out, p);
  std::string payload = Frames(out).at(0);
  // The payload ends with the sitemap count, the field count and the error string, each one zero byte.
  ASSERT_GE(payload.size(), 3u);
  const std::string huge("\xff\xff\xff\xff\xff\xff\xff\xff\x3f", 9);
  const std::string head = payload.substr(0, payload.size() - 3);
  ParsedMessage m;
  EXPECT_TRUE(Decode(head + std::string(3, '\0'), m));
  EXPECT_FALSE(Decode(head + huge + std::string(2, '\0'), m));                     // sitemaps
  EXPECT_FALSE(Decode(head + std::string(1, '\0') + huge + std::string(1, '\0'), m));  // fields
}

TEST(Messages, UnknownTypeIsNotPeeked) {
  MessageType type;
  EXPECT_FALSE(PeekType(std::string_view("\x00", 1), type));
  EXPECT_FALSE(PeekType(std::string_view("\x63", 1), type));
  EXPECT_FALSE(PeekType(std::string_view(), type));
}

}  // namespace
}  // namespace arachne
