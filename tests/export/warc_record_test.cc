#include "export/warc_record.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/gzip_members.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace arachne {
namespace {

using test::CommandRun;
using test::InflateMembers;
using test::RunCommand;
using test::ShellQuoted;
using namespace std::string_literals;

// --- reading back what was written ---------------------------------------------------------------------

struct ParsedRecord {
  std::vector<std::pair<std::string, std::string>> fields;  // in order
  std::string block;

  // The value of the only field `name`; "" and a failure if there is none or several.
  std::string Field(const std::string& name) const {
    std::string value;
    int count = 0;
    for (const auto& field : fields) {
      if (field.first == name) {
        value = field.second;
        ++count;
      }
    }
    if (count != 1) ADD_FAILURE() << "field " << name << " appears " << count << " times";
    return value;
  }
  bool Has(const std::string& name) const {
    for (const auto& field : fields) {
      if (field.first == name) return true;
    }
    return false;
  }
};

// ISO 28500:2017 section 4: "WARC/1.1" CRLF, named fields, CRLF, block of Content-Length octets, CRLF CRLF,
// and nothing after: one record a member.
ParsedRecord ParseRecord(const std::string& text) {
  ParsedRecord record;
  EXPECT_TRUE(text.starts_with("WARC/1.1\r\n")) << text.substr(0, 40);
  const std::size_t header_end = text.find("\r\n\r\n");
  if (header_end == std::string::npos) {
    ADD_FAILURE() << "no end of header";
    return record;
  }
  std::size_t line_start = text.find("\r\n") + 2;
  while (line_start < header_end + 2) {
    const std::size_t line_end = text.find("\r\n", line_start);
    const std::string line = text.substr(line_start, line_end - line_start);
    const std::size_t colon = line.find(": ");
    EXPECT_NE(colon, std::string::npos) << line;
    record.fields.emplace_back(line.substr(0, colon), line.substr(colon + 2));
    line_start = line_end + 2;
  }
  const std::string length_text = record.Field("Content-Length");
  EXPECT_TRUE(std::regex_match(length_text, std::regex("[0-9]+"))) << length_text;
  const std::size_t length = std::stoull(length_text.empty() ? "0" : length_text);
  const std::size_t block_start = header_end + 4;
  EXPECT_EQ(text.size(), block_start + length + 4) << "Content-Length does not reach the record's end";
  record.block = text.substr(block_start, length);
  EXPECT_EQ(text.substr(block_start + length), "\r\n\r\n");
  return record;
}

std::vector<ParsedRecord> ParseFile(const std::string& file) {
  std::vector<ParsedRecord> records;
  for (const std::string& member : InflateMembers(file)) records.push_back(ParseRecord(member));
  return records;
}

WarcRecordIds MakeIds() {
  Result<WarcRecordIds> ids = WarcRecordIds::Create();
  EXPECT_TRUE(ids.ok()) << ids.status().ToString();
  return std::move(*ids);
}

const std::regex kRecordId("<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>");
const std::regex kSha1Label("sha1:[A-Z2-7]{32}");

std::string PayloadAfterHead(const std::string& block) {
  const std::size_t end = block.find("\r\n\r\n");
  return end == std::string::npos ? "" : block.substr(end + 4);
}

// The digests a record claims are those of its block and of the block's HTTP payload.
void ExpectDigestsMatch(const ParsedRecord& record) {
  EXPECT_TRUE(std::regex_match(record.Field("WARC-Block-Digest"), kSha1Label));
  EXPECT_EQ(record.Field("WARC-Block-Digest"), "sha1:" + Sha1Base32(record.block));
  EXPECT_EQ(record.Field("WARC-Payload-Digest"), "sha1:" + Sha1Base32(PayloadAfterHead(record.block)));
}

const char kGetHead[] = "GET /page HTTP/1.1\r\nHost: example.com\r\nUser-Agent: Arachne\r\n\r\n";

WarcExchange PageExchange(std::string_view payload) {
  WarcExchange exchange;
  exchange.target_uri = "https://example.com/page";
  exchange.unix_ms = 1796160780123;  // 2026-12-01T21:33:00.123Z
  exchange.ip_address = "93.184.216.34";
  exchange.request_head = kGetHead;
  exchange.response_head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: "
      "chunked\r\n\r\n";
  exchange.payload = payload;
  return exchange;
}

// --- Sha1Base32 ----------------------------------------------------------------------------------------

// Vectors from python3: base64.b32encode(hashlib.sha1(data).digest()).
TEST(Sha1Base32Test, KnownVectors) {
  EXPECT_EQ(Sha1Base32(""), "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  EXPECT_EQ(Sha1Base32("abc"), "VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
  EXPECT_EQ(Sha1Base32("The quick brown fox jumps over the lazy dog"), "F7KODRT2FUUPZ3MET3Q3W5XHHENZH2YS");
  EXPECT_EQ(Sha1Base32("a\0b\0\xff"s), "T66RMTJC2XJJBMAEUMA2IS2FQETWG67A");
  EXPECT_EQ(Sha1Base32(std::string(1000000, 'a')), "GSVJOPGUYTNKJ5Q65MV5XLJHGFSTIALP");
}

// --- ArchivableResponseHead ----------------------------------------------------------------------------

TEST(ArchivableResponseHeadTest, RenamesEncodingHeadersAndAddsTheStoredLength) {
  EXPECT_EQ(ArchivableResponseHead("HTTP/1.1 200 OK\r\n"
                                   "Content-Type: text/html\r\n"
                                   "Content-Encoding: gzip\r\n"
                                   "Transfer-Encoding: chunked\r\n"
                                   "Vary: Accept-Encoding\r\n"
                                   "\r\n",
                                   1234),
            "HTTP/1.1 200 OK\r\n"
            "Content-Type: text/html\r\n"
            "X-Archive-Orig-Content-Encoding: gzip\r\n"
            "X-Archive-Orig-Transfer-Encoding: chunked\r\n"
            "Vary: Accept-Encoding\r\n"
            "Content-Length: 1234\r\n"
            "\r\n");
}

TEST(ArchivableResponseHeadTest, RenamesTheReceivedContentLength) {
  EXPECT_EQ(
      ArchivableResponseHead("HTTP/1.1 200 OK\r\nContent-Length: 50\r\nContent-Encoding: br\r\n\r\n", 180),
      "HTTP/1.1 200 OK\r\nX-Archive-Orig-Content-Length: 50\r\nX-Archive-Orig-Content-Encoding: br\r\n"
      "Content-Length: 180\r\n\r\n");
}

TEST(ArchivableResponseHeadTest, NormalizesBareLineFeeds) {
  EXPECT_EQ(
      ArchivableResponseHead("HTTP/1.0 404 Not Found\nServer: x\nContent-Length: 9\n\n", 9),
      "HTTP/1.0 404 Not Found\r\nServer: x\r\nX-Archive-Orig-Content-Length: 9\r\nContent-Length: 9\r\n\r\n");
}

TEST(ArchivableResponseHeadTest, AddsContentLengthWhenTheResponseHadNone) {
  EXPECT_EQ(ArchivableResponseHead("HTTP/1.1 204 No Content\r\nServer: x\r\n\r\n", 0),
            "HTTP/1.1 204 No Content\r\nServer: x\r\nContent-Length: 0\r\n\r\n");
}

TEST(ArchivableResponseHeadTest, MatchesNamesInAnyCaseAndKeepsTheirSpelling) {
  EXPECT_EQ(ArchivableResponseHead("HTTP/2 200\r\n"
                                   "content-encoding: gzip\r\n"
                                   "TRANSFER-ENCODING: chunked\r\n"
                                   "CoNtEnT-LeNgTh: 3\r\n"
                                   "content-type: text/plain\r\n"
                                   "x-content-length: 7\r\n"
                                   "\r\n",
                                   10),
            "HTTP/2 200\r\n"
            "X-Archive-Orig-content-encoding: gzip\r\n"
            "X-Archive-Orig-TRANSFER-ENCODING: chunked\r\n"
            "X-Archive-Orig-CoNtEnT-LeNgTh: 3\r\n"
            "content-type: text/plain\r\n"
            "x-content-length: 7\r\n"
            "Content-Length: 10\r\n"
            "\r\n");
}

TEST(ArchivableResponseHeadTest, KeepsContinuationLinesAndOddHeaders) {
  EXPECT_EQ(ArchivableResponseHead("HTTP/1.1 200 OK: fine\r\n"
                                   "Content-Encoding : gzip\r\n"
                                   "X-Long: a\r\n"
                                   " b\r\n"
                                   "not a header\r\n"
                                   "\r\n",
                                   1),
            "HTTP/1.1 200 OK: fine\r\n"
            "X-Archive-Orig-Content-Encoding : gzip\r\n"
            "X-Long: a\r\n"
            " b\r\n"
            "not a header\r\n"
            "Content-Length: 1\r\n"
            "\r\n");
}

TEST(ArchivableResponseHeadTest, KeepsOnlyTheFinalResponseAfterAnInterimOne) {
  EXPECT_EQ(ArchivableResponseHead("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nServer: x\r\n\r\n", 4),
            "HTTP/1.1 200 OK\r\nServer: x\r\nContent-Length: 4\r\n\r\n");
}

TEST(ArchivableResponseHeadTest, EmptyHeadGivesNothing) {
  EXPECT_EQ(ArchivableResponseHead("", 4), "");
  EXPECT_EQ(ArchivableResponseHead("\r\n\r\n", 4), "");
}

// --- WarcRecordIds -------------------------------------------------------------------------------------

TEST(WarcRecordIdsTest, MakesDistinctVersion4Uuids) {
  WarcRecordIds ids = MakeIds();
  WarcRecordIds other = MakeIds();
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = ids.Next();
    EXPECT_TRUE(std::regex_match("<" + id + ">", kRecordId)) << id;
    EXPECT_TRUE(seen.insert(id).second) << id;
    // A second generator, seeded apart, does not repeat the first one's ids.
    EXPECT_TRUE(seen.insert(other.Next()).second);
  }
}

// --- records -------------------------------------------------------------------------------------------

TEST(WarcRecordTest, ExchangeIsARequestAndAResponseMemberWithTheirFields) {
  WarcRecordIds ids = MakeIds();
  const std::string payload = "<html>hello</html>";
  std::string out = "before";  // appended to, not replaced
  AppendWarcExchange(out, PageExchange(payload), ids);
  ASSERT_TRUE(out.starts_with("before"));
  const std::vector<ParsedRecord> records = ParseFile(out.substr(6));
  ASSERT_EQ(records.size(), 2u);
  const ParsedRecord& request = records[0];
  const ParsedRecord& response = records[1];

  EXPECT_EQ(request.fields[0], (std::pair<std::string, std::string>("WARC-Type", "request")));
  EXPECT_EQ(request.Field("WARC-Date"), "2026-12-01T21:33:00.123Z");
  EXPECT_EQ(request.Field("WARC-Target-URI"), "https://example.com/page");
  EXPECT_EQ(request.Field("WARC-IP-Address"), "93.184.216.34");
  EXPECT_EQ(request.Field("Content-Type"), "application/http;msgtype=request");
  EXPECT_EQ(request.block, kGetHead);
  EXPECT_EQ(request.Field("WARC-Payload-Digest"), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");  // empty body
  EXPECT_FALSE(request.Has("WARC-Truncated"));
  ExpectDigestsMatch(request);

  EXPECT_EQ(response.fields[0], (std::pair<std::string, std::string>("WARC-Type", "response")));
  EXPECT_EQ(response.Field("WARC-Date"), "2026-12-01T21:33:00.123Z");
  EXPECT_EQ(response.Field("WARC-Target-URI"), "https://example.com/page");
  EXPECT_EQ(response.Field("WARC-IP-Address"), "93.184.216.34");
  EXPECT_EQ(response.Field("Content-Type"), "application/http;msgtype=response");
  EXPECT_EQ(response.block,
            ArchivableResponseHead(PageExchange(payload).response_head, payload.size()) + payload);
  EXPECT_EQ(response.Field("WARC-Payload-Digest"), "sha1:" + Sha1Base32(payload));
  EXPECT_FALSE(response.Has("WARC-Truncated"));
  EXPECT_FALSE(response.Has("WARC-Concurrent-To"));
  ExpectDigestsMatch(response);

  EXPECT_TRUE(std::regex_match(request.Field("WARC-Record-ID"), kRecordId));
  EXPECT_TRUE(std::regex_match(response.Field("WARC-Record-ID"), kRecordId));
  EXPECT_NE(request.Field("WARC-Record-ID"), response.Field("WARC-Record-ID"));
  EXPECT_EQ(request.Field("WARC-Concurrent-To"), response.Field("WARC-Record-ID"));
}

TEST(WarcRecordTest, TruncatedResponseSaysWhy) {
  WarcRecordIds ids = MakeIds();
  for (const std::string reason : {"length", "unspecified"}) {
    WarcExchange exchange = PageExchange("cut");
    exchange.truncated = reason;
    std::string out;
    AppendWarcExchange(out, exchange, ids);
    const std::vector<ParsedRecord> records = ParseFile(out);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_FALSE(records[0].Has("WARC-Truncated"));
    EXPECT_EQ(records[1].Field("WARC-Truncated"), reason);
    ExpectDigestsMatch(records[1]);
  }
}

TEST(WarcRecordTest, NoIpAddressFieldWhenUnknown) {
  WarcRecordIds ids = MakeIds();
  WarcExchange exchange = PageExchange("x");
  exchange.ip_address.clear();
  std::string out;
  AppendWarcExchange(out, exchange, ids);
  const std::vector<ParsedRecord> records = ParseFile(out);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_FALSE(records[0].Has("WARC-IP-Address"));
  EXPECT_FALSE(records[1].Has("WARC-IP-Address"));
}

TEST(WarcRecordTest, FieldValuesStayOnOneLine) {
  WarcRecordIds ids = MakeIds();
  WarcExchange exchange = PageExchange("x");
  exchange.target_uri = "https://example.com/a b\r\nWARC-Type: evil";
  exchange.ip_address = "1.2.3.4\r\nX: y";
  exchange.truncated = "too\r\nlong";
  std::string out;
  AppendWarcExchange(out, exchange, ids);
  const std::vector<ParsedRecord> records = ParseFile(out);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].Field("WARC-Target-URI"), "https://example.com/a%20b%0D%0AWARC-Type:%20evil");
  EXPECT_EQ(records[1].Field("WARC-Type"), "response");
  EXPECT_FALSE(records[1].Has("WARC-IP-Address"));
  EXPECT_EQ(records[1].Field("WARC-Truncated"), "unspecified");
}

TEST(WarcRecordTest, BinaryAndLargePayloadsRoundTrip) {
  WarcRecordIds ids = MakeIds();
  std::string binary = "\x89PNG\r\n\x1a\n"s + std::string(3, '\0') + "\r\n\r\n" + "\xff\xfe"s;
  // Larger than deflate's output window and hard to compress, so that the member takes several rounds.
  std::string large(700000, '\0');
  std::uint32_t state = 12345;
  for (char& c : large) {
    state = state * 1103515245 + 12345;
    c = static_cast<char>(state >> 24);
  }
  std::string out;
  AppendWarcExchange(out, PageExchange(binary), ids);
  AppendWarcExchange(out, PageExchange(large), ids);
  AppendWarcExchange(out, PageExchange(""), ids);
  const std::vector<ParsedRecord> records = ParseFile(out);
  ASSERT_EQ(records.size(), 6u);
  EXPECT_EQ(PayloadAfterHead(records[1].block), binary);
  EXPECT_EQ(PayloadAfterHead(records[3].block), large);
  EXPECT_EQ(PayloadAfterHead(records[5].block), "");
  EXPECT_EQ(records[5].Field("WARC-Payload-Digest"), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  std::set<std::string> record_ids;
  for (const ParsedRecord& record : records) {
    ExpectDigestsMatch(record);
    EXPECT_TRUE(record_ids.insert(record.Field("WARC-Record-ID")).second);
  }
}

TEST(WarcRecordTest, RequestPayloadIsWhatFollowsItsHead) {
  WarcRecordIds ids = MakeIds();
  WarcExchange exchange = PageExchange("ok");
  exchange.request_head = "POST /form HTTP/1.1\r\nHost: example.com\r\nContent-Length: 3\r\n\r\na=1";
  std::string out;
  AppendWarcExchange(out, exchange, ids);
  const std::vector<ParsedRecord> records = ParseFile(out);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].block, exchange.request_head);
  EXPECT_EQ(records[0].Field("WARC-Payload-Digest"), "sha1:" + Sha1Base32("a=1"));
  ExpectDigestsMatch(records[0]);
}

TEST(WarcRecordTest, DatesAreUtcWithMilliseconds) {
  WarcRecordIds ids = MakeIds();
  const std::vector<std::pair<std::int64_t, std::string>> cases = {
      {0, "1970-01-01T00:00:00.000Z"},
      {951868799999, "2000-02-29T23:59:59.999Z"},
      {-1, "1969-12-31T23:59:59.999Z"},
  };
  for (const auto& [unix_ms, date] : cases) {
    const std::vector<ParsedRecord> records = ParseFile(WarcInfoRecord("a.warc.gz", unix_ms, {}, ids));
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].Field("WARC-Date"), date);
  }
}

TEST(WarcRecordTest, WarcinfoDescribesTheFile) {
  WarcRecordIds ids = MakeIds();
  const std::string out =
      WarcInfoRecord("crawl-20261201213300-00000.warc.gz", 1796160780123,
                     {{"operator", "ops@example.com"}, {"description", "line\r\nbreak"}}, ids);
  const std::vector<ParsedRecord> records = ParseFile(out);
  ASSERT_EQ(records.size(), 1u);
  const ParsedRecord& info = records[0];
  EXPECT_EQ(info.fields[0], (std::pair<std::string, std::string>("WARC-Type", "warcinfo")));
  EXPECT_TRUE(std::regex_match(info.Field("WARC-Record-ID"), kRecordId));
  EXPECT_EQ(info.Field("WARC-Date"), "2026-12-01T21:33:00.123Z");
  EXPECT_EQ(info.Field("WARC-Filename"), "crawl-20261201213300-00000.warc.gz");
  EXPECT_EQ(info.Field("Content-Type"), "application/warc-fields");
  EXPECT_EQ(info.Field("WARC-Block-Digest"), "sha1:" + Sha1Base32(info.block));
  // Section 4: a warcinfo record has no payload, so no payload digest; section 5.14: no target.
  EXPECT_FALSE(info.Has("WARC-Payload-Digest"));
  EXPECT_FALSE(info.Has("WARC-Target-URI"));
  EXPECT_TRUE(info.block.starts_with("software: Arachne/")) << info.block;
  EXPECT_EQ(info.block.substr(info.block.find("\r\n") + 2),
            "format: WARC File Format 1.1\r\n"
            "conformsTo: https://iso.org/standard/68004.html\r\n"
            "operator: ops@example.com\r\n"
            "description: line  break\r\n");
}

// --- a third-party reader ------------------------------------------------------------------------------

// Runs tests/export/warc_reader/check_warc.mjs, which reads a WARC file with warcio.js and recomputes every
// digest itself; skipped where Node.js or the package is missing.
class WarcioReaderTest : public testing::Test {
 protected:
  void SetUp() override {
    if (RunCommand("node --version >/dev/null 2>&1").exit_status != 0) {
      GTEST_SKIP() << "node is not installed: the warcio.js check needs Node.js 18 or later";
    }
    if (!std::filesystem::exists(reader_dir_ / "node_modules" / "warcio" / "package.json")) {
      GTEST_SKIP() << "warcio is not installed: run `npm ci` in " << reader_dir_.lexically_normal().string();
    }
  }

  // The checker's exit status and standard output (its complaints go to standard error, here dropped).
  CommandRun Check(const std::string& path) const {
    return RunCommand("node " + ShellQuoted((reader_dir_ / "check_warc.mjs").string()) + " " +
                      ShellQuoted(path) + " 2>/dev/null");
  }

  const std::filesystem::path reader_dir_ = ARACHNE_TEST_DATA_DIR "/../export/warc_reader";
};

TEST_F(WarcioReaderTest, ReadsTheFileAndAgreesWithItsDigests) {
  WarcRecordIds ids = MakeIds();
  const std::string binary = "\x89PNG\r\n\x1a\n"s + std::string(5, '\0') + "\r\n\r\nend\0"s;
  const std::string text = "<html><body>hello</body></html>";
  std::string file = WarcInfoRecord("test.warc.gz", 1796160780123, {{"operator", "tests"}}, ids);
  AppendWarcExchange(file, PageExchange(text), ids);
  WarcExchange image = PageExchange(binary);
  image.target_uri = "https://example.com/image.png";
  image.response_head = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 99\r\n\r\n";
  AppendWarcExchange(file, image, ids);
  WarcExchange empty = PageExchange("");
  empty.target_uri = "https://example.com/empty";
  empty.response_head = "HTTP/2 204\ncontent-encoding: gzip\n\n";
  AppendWarcExchange(file, empty, ids);
  const std::string big(20000, 'x');
  WarcExchange cut = PageExchange(std::string_view(big).substr(0, 1000));
  cut.target_uri = "https://example.com/big";
  cut.truncated = "length";
  AppendWarcExchange(file, cut, ids);

  test::TempDir dir;
  const std::string path = dir.Write("test.warc.gz", file);
  const auto [exit_status, output] = Check(path);
  EXPECT_EQ(exit_status, 0) << output;

  std::vector<nlohmann::json> lines;
  std::istringstream stream(output);
  for (std::string line; std::getline(stream, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 9u) << output;
  EXPECT_EQ(lines[0]["type"], "warcinfo");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"request", "https://example.com/page"},      {"response", "https://example.com/page"},
      {"request", "https://example.com/image.png"}, {"response", "https://example.com/image.png"},
      {"request", "https://example.com/empty"},     {"response", "https://example.com/empty"},
      {"request", "https://example.com/big"},       {"response", "https://example.com/big"},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const nlohmann::json& line = lines[i + 1];
    EXPECT_EQ(line["type"], expected[i].first) << line;
    EXPECT_EQ(line["uri"], expected[i].second) << line;
    EXPECT_EQ(line["payloadDigestOk"], true) << line;
    EXPECT_EQ(line["decodedOk"], true) << line;
  }
  for (const nlohmann::json& line : lines) {
    EXPECT_EQ(line["blockDigestOk"], true) << line;
    EXPECT_EQ(line["gzipMember"], true) << line;
  }
  EXPECT_EQ(lines[2]["status"], 200);
  EXPECT_EQ(lines[2]["payloadLength"], text.size());
  EXPECT_EQ(lines[4]["payloadLength"], binary.size());
  EXPECT_EQ(lines[6]["status"], 204);
  EXPECT_EQ(lines[6]["payloadLength"], 0);
  EXPECT_EQ(lines[8]["payloadLength"], 1000);
  EXPECT_EQ(lines[1]["payloadLength"], 0);  // a GET has no body
}

// The reader is a check only if it can fail: a record whose payload changed after its digest was taken.
TEST_F(WarcioReaderTest, FailsOnAWrongDigest) {
  WarcRecordIds ids = MakeIds();
  std::string file = WarcInfoRecord("bad.warc.gz", 0, {}, ids);
  AppendWarcExchange(file, PageExchange("original"), ids);
  // Rewrite the response member with the payload changed and the old digests kept.
  const std::vector<std::string> members = InflateMembers(file);
  ASSERT_EQ(members.size(), 3u);
  std::string tampered = members[0] + members[1] + members[2];
  const std::size_t at = tampered.rfind("original");
  ASSERT_NE(at, std::string::npos);
  tampered.replace(at, 8, "0riginal");

  test::TempDir dir;
  const std::string path = dir.Write("bad.warc", tampered);  // uncompressed: warcio reads both
  const auto [exit_status, output] = Check(path);
  EXPECT_EQ(exit_status, 1) << output;
  EXPECT_NE(output.find("\"payloadDigestOk\":false"), std::string::npos) << output;
  EXPECT_NE(output.find("\"blockDigestOk\":false"), std::string::npos) << output;
}

}  // namespace
}  // namespace arachne
