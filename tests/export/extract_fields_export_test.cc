// The [[extract]] fields of a Record (Record::fields) in every record format: CSV columns after the
// built-in ones, JSON keys after "error".
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "csv_reader.h"
#include "export/csv_exporter.h"
#include "export/exporters.h"
#include "export/json_exporter.h"
#include "export/jsonl_exporter.h"
#include "export/record_fields.h"
#include "export/record_json.h"
#include "support/value_or_fail.h"
#include "tricky_record.h"

namespace arachne {
namespace {

using test::ValueOrFail;
using testing::ParseCsv;
using testing::ReadFile;
using testing::TempDir;

using Row = testing::CsvRow;

FieldValue Null(std::string name, bool all = false) {
  return FieldValue{.name = std::move(name), .all = all, .null = true, .values = {}};
}
FieldValue One(std::string name, std::string value) {
  return FieldValue{.name = std::move(name), .all = false, .null = false, .values = {std::move(value)}};
}
FieldValue All(std::string name, std::vector<std::string> values) {
  return FieldValue{.name = std::move(name), .all = true, .null = false, .values = std::move(values)};
}

Record WithFields(std::string url, std::vector<FieldValue> fields) {
  Record r;
  r.url = std::move(url);
  r.final_url = r.url;
  r.status = 200;
  r.fields = std::move(fields);
  return r;
}

// The built-in columns, then `extra`.
Row Header(const Row& extra) {
  Row header;
  for (std::string_view name : RecordFieldNames()) header.emplace_back(name);
  header.insert(header.end(), extra.begin(), extra.end());
  return header;
}

// The cells of a row after the built-in columns.
Row ExtractCells(const Row& row) {
  const std::size_t builtin = RecordFieldNames().size();
  return row.size() < builtin ? Row{} : Row(row.begin() + static_cast<std::ptrdiff_t>(builtin), row.end());
}

// Writes `records` to a CSV file with `field_names` as its extract columns and reads the rows back.
std::vector<Row> CsvRows(const std::vector<std::string>& field_names, const std::vector<Record>& records) {
  TempDir dir;
  auto exporter = ValueOrFail(OpenCsvExporter(dir.File("c.csv"), std::nullopt, field_names));
  if (!exporter) return {};
  for (const Record& r : records) EXPECT_TRUE(exporter->Write(r).ok());
  EXPECT_TRUE(exporter->Close().ok());
  const std::string text = ReadFile(dir.File("c.csv"));
  EXPECT_TRUE(IsValidUtf8(text));
  const auto rows = ParseCsv(text);
  EXPECT_TRUE(rows.has_value()) << text;
  return rows.value_or(std::vector<Row>{});
}

// --- CSV ---

TEST(CsvExtractFields, HeaderNamesTheFieldsAfterTheBuiltInOnes) {
  TempDir dir;
  auto exporter =
      ValueOrFail(OpenCsvExporter(dir.File("c.csv"), std::nullopt, {"price", "in stock", "tags"}));
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(exporter->Close().ok());
  const std::string text = ReadFile(dir.File("c.csv"));
  EXPECT_TRUE(text.ends_with(",links,error,price,in stock,tags\r\n")) << text;
  const auto rows = ParseCsv(text);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0], Header({"price", "in stock", "tags"}));
}

TEST(CsvExtractFields, ANameThatNeedsQuotesIsQuoted) {
  TempDir dir;
  auto exporter =
      ValueOrFail(OpenCsvExporter(dir.File("c.csv"), std::nullopt, {"a,b", "say \"x\"", "plain"}));
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(exporter->Close().ok());
  const std::string text = ReadFile(dir.File("c.csv"));
  EXPECT_TRUE(text.ends_with(",error,\"a,b\",\"say \"\"x\"\"\",plain\r\n")) << text;
  const auto rows = ParseCsv(text);
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ((*rows)[0], Header({"a,b", "say \"x\"", "plain"}));
}

TEST(CsvExtractFields, NullOneValueAndAllFields) {
  const std::vector<Row> rows =
      CsvRows({"missing", "price", "tags", "none", "empty"},
              {WithFields("http://127.0.0.1/p", {Null("missing"), One("price", "12.50"),
                                                 All("tags", {"red", "big, heavy", "say \"hi\""}),
                                                 All("none", {}), One("empty", "")})});
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[1].size(), rows[0].size());
  const Row cells = ExtractCells(rows[1]);
  ASSERT_EQ(cells.size(), 5u);
  EXPECT_EQ(cells[0], "");
  EXPECT_EQ(cells[1], "12.50");
  EXPECT_EQ(cells[2], R"(["red","big, heavy","say \"hi\""])");
  EXPECT_EQ(cells[3], "[]");
  EXPECT_EQ(cells[4], "");
  EXPECT_EQ(nlohmann::json::parse(cells[2]), nlohmann::json({"red", "big, heavy", "say \"hi\""}));
}

// The exact bytes: a one-value field as plain text, quoted only if it must be; an array's JSON text, whose
// quotes make it a quoted field.
TEST(CsvExtractFields, CellsAreQuotedAsRfc4180Says) {
  TempDir dir;
  auto exporter = ValueOrFail(OpenCsvExporter(dir.File("c.csv"), std::nullopt, {"a", "b", "c", "d"}));
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(
      exporter
          ->Write(WithFields("u", {One("a", "x"), One("b", "1,5"), All("c", {"p", "q"}), Null("d", true)}))
          .ok());
  ASSERT_TRUE(exporter->Close().ok());
  const std::string text = ReadFile(dir.File("c.csv"));
  EXPECT_TRUE(text.ends_with(",x,\"1,5\",\"[\"\"p\"\",\"\"q\"\"]\",\r\n")) << text;
}

TEST(CsvExtractFields, IllFormedUtf8InAValueIsReplaced) {
  const std::vector<Row> rows =
      CsvRows({"one", "all"}, {WithFields("u", {One("one", "a\xFF"), All("all", {"b\xC3"})})});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(ExtractCells(rows[1]), (Row{"a\xEF\xBF\xBD", "[\"b\xEF\xBF\xBD\"]"}));
}

// A page callback (Crawler::OnPage) may drop, add or reorder fields: cells follow the header by name.
TEST(CsvExtractFields, CellsFollowTheHeaderByNameWhateverTheRecordHolds) {
  const std::vector<Row> rows = CsvRows(
      {"name", "price", "tags"},
      {WithFields("in order", {One("name", "Lamp"), One("price", "9"), All("tags", {"a"})}),
       WithFields("reordered", {All("tags", {"b"}), One("price", "8"), One("name", "Desk")}),
       WithFields("missing one", {One("name", "Chair"), All("tags", {})}),
       WithFields("extra",
                  {One("name", "Sofa"), One("colour", "red"), One("price", "7"), All("tags", {"c"})}),
       WithFields("none", {}), WithFields("only extra", {One("colour", "blue"), One("weight", "3 kg")})});
  ASSERT_EQ(rows.size(), 7u);
  for (const Row& row : rows) ASSERT_EQ(row.size(), rows[0].size()) << row[0];
  EXPECT_EQ(ExtractCells(rows[1]), (Row{"Lamp", "9", "[\"a\"]"}));
  EXPECT_EQ(ExtractCells(rows[2]), (Row{"Desk", "8", "[\"b\"]"}));
  EXPECT_EQ(ExtractCells(rows[3]), (Row{"Chair", "", "[]"}));
  EXPECT_EQ(ExtractCells(rows[4]), (Row{"Sofa", "7", "[\"c\"]"}));
  EXPECT_EQ(ExtractCells(rows[5]), (Row{"", "", ""}));
  EXPECT_EQ(ExtractCells(rows[6]), (Row{"", "", ""}));
  EXPECT_EQ(rows[4][0], "extra");
  EXPECT_EQ(rows[4][RecordFieldNames().size() - 1], "") << "the error column is still the record's";
}

// Without [[extract]] rules the header has only the built-in columns, and so has every row.
TEST(CsvExtractFields, FieldsNotInTheHeaderAddNoColumns) {
  const std::vector<Row> rows = CsvRows({}, {WithFields("u", {One("name", "Lamp"), All("tags", {"x"})})});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], Header({}));
  EXPECT_EQ(rows[1].size(), rows[0].size());
}

// The built-in columns keep their values with fields after them.
TEST(CsvExtractFields, BuiltInColumnsAreUnchanged) {
  Record r = testing::TrickyRecord();
  r.fields = {One("name", "Lamp")};
  const std::vector<Row> with = CsvRows({"name"}, {r});
  r.fields.clear();
  const std::vector<Row> without = CsvRows({}, {r});
  ASSERT_EQ(with.size(), 2u);
  ASSERT_EQ(without.size(), 2u);
  Row expected = without[1];
  expected.push_back("Lamp");
  EXPECT_EQ(with[1], expected);
}

TEST(CsvExtractFields, OpenExportersGivesTheCsvTheFieldNames) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"csv", "jsonl"};
  ExportDetails details;
  details.field_names = {"price", "a,b"};
  auto exporters = ValueOrFail(OpenExporters(output, "site", {}, details));
  ASSERT_EQ(exporters.size(), 2u);
  for (auto& exporter : exporters) {
    ASSERT_TRUE(exporter->Write(WithFields("u", {One("a,b", "x"), One("price", "3")})).ok());
    ASSERT_TRUE(exporter->Close().ok());
  }
  const auto rows = ParseCsv(ReadFile(dir.File("site.csv")));
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0], Header({"price", "a,b"}));
  EXPECT_EQ(ExtractCells((*rows)[1]), (Row{"3", "x"}));
  // JSON keeps the record's own order.
  EXPECT_TRUE(ReadFile(dir.File("site.jsonl")).ends_with(",\"error\":\"\",\"a,b\":\"x\",\"price\":\"3\"}\n"));
}

// Resumed under its header, a file gets no second one, with or without field names.
TEST(CsvExtractFields, ResumeKeepsTheHeaderOnce) {
  TempDir dir;
  const std::string path = dir.File("c.csv");
  std::uint64_t synced = 0;
  {
    auto exporter = ValueOrFail(OpenCsvExporter(path, std::nullopt, {"name"}));
    ASSERT_TRUE(exporter);
    ASSERT_TRUE(exporter->Write(WithFields("first", {One("name", "A")})).ok());
    synced = ValueOrFail(exporter->Sync());
    ASSERT_TRUE(exporter->Write(WithFields("lost", {One("name", "L")})).ok());
    ASSERT_TRUE(exporter->Close().ok());
  }
  auto exporter = ValueOrFail(OpenCsvExporter(path, synced, {"name"}));
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(exporter->Write(WithFields("second", {One("name", "B")})).ok());
  ASSERT_TRUE(exporter->Close().ok());
  const auto rows = ParseCsv(ReadFile(path));
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0], Header({"name"}));
  EXPECT_EQ((*rows)[1][0], "first");
  EXPECT_EQ((*rows)[1].back(), "A");
  EXPECT_EQ((*rows)[2][0], "second");
  EXPECT_EQ((*rows)[2].back(), "B");
}

// --- JSON ---

std::string RecordJson(const Record& r) {
  std::string out;
  AppendRecordJson(out, r);
  return out;
}

TEST(JsonExtractFields, FieldsFollowErrorInTheRecordsOrder) {
  const std::string json =
      RecordJson(WithFields("u", {Null("missing"), One("price", "12.50"), All("tags", {"red", "big"}),
                                  All("none", {}), Null("n", true)}));
  EXPECT_TRUE(
      json.ends_with(",\"error\":\"\",\"missing\":null,\"price\":\"12.50\",\"tags\":[\"red\",\"big\"],"
                     "\"none\":[],\"n\":null}"))
      << json;
  const auto parsed = nlohmann::ordered_json::parse(json);
  std::vector<std::string> keys;
  for (const auto& item : parsed.items()) keys.push_back(item.key());
  const std::size_t builtin = RecordFieldNames().size();
  ASSERT_EQ(keys.size(), builtin + 5);
  EXPECT_EQ(keys[builtin - 1], "error");
  EXPECT_EQ(std::vector<std::string>(keys.begin() + static_cast<std::ptrdiff_t>(builtin), keys.end()),
            (std::vector<std::string>{"missing", "price", "tags", "none", "n"}));
}

TEST(JsonExtractFields, NoFieldsAddNoKeys) {
  const std::string json = RecordJson(WithFields("u", {}));
  EXPECT_TRUE(json.ends_with(",\"error\":\"\"}")) << json;
}

TEST(JsonExtractFields, NamesAndValuesAreEscaped) {
  const std::string name = "say \"hi\"\\\n\x01";
  const std::string json =
      RecordJson(WithFields("u", {One(name, "line\nbreak \"q\""), All("bad", {"\xFF", "tab\t"})}));
  EXPECT_NE(json.find(R"("say \"hi\"\\\n\u0001":"line\nbreak \"q\"")"), std::string::npos) << json;
  const auto parsed = nlohmann::json::parse(json);
  EXPECT_EQ(parsed[name], "line\nbreak \"q\"");
  EXPECT_EQ(parsed["bad"], nlohmann::json({"\xEF\xBF\xBD", "tab\t"}));
}

// A non-null one-value field without a value (a callback's doing) is the empty string, never invalid JSON.
TEST(JsonExtractFields, AOneValueFieldWithoutValuesIsTheEmptyString) {
  FieldValue odd{.name = "odd", .all = false, .null = false, .values = {}};
  std::string out;
  AppendFieldValueJson(out, odd);
  EXPECT_EQ(out, "\"\"");
  FieldValue two{.name = "two", .all = false, .null = false, .values = {"first", "second"}};
  out.clear();
  AppendFieldValueJson(out, two);
  EXPECT_EQ(out, "\"first\"") << "a one-value field is its first value";
}

TEST(JsonExtractFields, JsonlAndJsonFilesHoldTheFields) {
  TempDir dir;
  auto jsonl = ValueOrFail(OpenJsonlExporter(dir.File("r.jsonl")));
  auto json = ValueOrFail(OpenJsonExporter(dir.File("r.json")));
  ASSERT_TRUE(jsonl && json);
  const Record r =
      WithFields("http://127.0.0.1/p", {One("price", "3"), All("tags", {"a", "b"}), Null("gone")});
  for (Exporter* exporter : {jsonl.get(), json.get()}) {
    ASSERT_TRUE(exporter->Write(r).ok());
    ASSERT_TRUE(exporter->Close().ok());
  }
  const auto line = nlohmann::json::parse(ReadFile(dir.File("r.jsonl")));
  const auto array = nlohmann::json::parse(ReadFile(dir.File("r.json")));
  ASSERT_TRUE(array.is_array());
  ASSERT_EQ(array.size(), 1u);
  for (const auto& object : {line, array[0]}) {
    EXPECT_EQ(object["url"], "http://127.0.0.1/p");
    EXPECT_EQ(object["price"], "3");
    EXPECT_EQ(object["tags"], nlohmann::json({"a", "b"}));
    EXPECT_TRUE(object["gone"].is_null());
  }
}

// DISABLED: fails today. page.h's example fills a field with record.fields.push_back({.name = "specs", ...}),
// and crawler.h says a field meant for CSV is declared as a rule and filled in by the callback. Together they
// leave the record with the rule's field (null) and then the callback's, of the same name: the CSV cell is
// taken from the first (empty, the value is lost) and JSON gets the key twice ("specs":null, ...,
// "specs":[...]; RFC 8259 section 4: names SHOULD be unique, and readers disagree on which one they keep).
// Expected here: the last field of a name wins, in both formats, and JSON writes the name once. (Another
// fix is page.h's example setting the declared field instead, with Config rejecting nothing new.)
TEST(ExtractFieldsExport, AFieldAddedTwiceByNameKeepsTheLastValue) {
  const Record r = WithFields("u", {Null("specs", true), One("name", "Lamp"), All("specs", {"a", "b"})});
  const std::vector<Row> rows = CsvRows({"name", "specs"}, {r});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(ExtractCells(rows[1]), (Row{"Lamp", "[\"a\",\"b\"]"}));
  const std::string json = RecordJson(r);
  std::size_t keys = 0;
  for (std::size_t at = json.find("\"specs\":"); at != std::string::npos;
       at = json.find("\"specs\":", at + 1))
    ++keys;
  EXPECT_EQ(keys, 1u) << json;
  EXPECT_EQ(nlohmann::json::parse(json)["specs"], nlohmann::json({"a", "b"})) << json;
}

}  // namespace
}  // namespace arachne
