#include "store/job_store.h"

#include <rocksdb/db.h>
#include <rocksdb/memtablerep.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <array>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

namespace arachne {

namespace {

enum Family : std::size_t { kMeta, kSeen, kFrontier, kRobots, kFamilies };
constexpr std::array<const char*, kFamilies> kFamilyNames = {"default", "seen", "frontier", "robots"};

// Big-endian, so that RocksDB's byte order is numeric order.
std::string EncodeKey(std::uint64_t n) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i, n >>= 8) key[static_cast<std::size_t>(i)] = static_cast<char>(n & 0xff);
  return key;
}

std::uint64_t DecodeKey(const rocksdb::Slice& key) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < key.size() && i < 8; ++i) n = (n << 8) | static_cast<unsigned char>(key[i]);
  return n;
}

std::string_view View(const rocksdb::Slice& s) {
  return {s.data(), s.size()};
}

// RocksDB's own log file would sit in the job folder, on the disk that may fill up; and this build of the
// library asserts (aborts) when a logger writes again after a failed write. Failures reach the crawl as
// statuses anyway, so its log lines are dropped.
class SilentLogger final : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char*, va_list) override {}
};

rocksdb::Options DbOptions() {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  // A crawl's writes come in batches once a second: small memtables keep the store's memory modest next
  // to the crawl's own (the seen set is in memory anyway), and the log files few.
  options.write_buffer_size = 16 << 20;
  options.max_write_buffer_number = 2;
  options.info_log = std::make_shared<SilentLogger>();
  // Entries arrive in batches and are read back in order only now and then (a resume, a spilled queue
  // coming back): a memtable that appends and sorts when read costs less per write than a skip list.
  options.memtable_factory = std::make_shared<rocksdb::VectorRepFactory>();
  options.allow_concurrent_memtable_write = false;
  return options;
}

}  // namespace

struct JobStore::Db {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> families;
  rocksdb::WriteBatch pending;
  bool read_only = false;

  ~Db() {
    for (rocksdb::ColumnFamilyHandle* f : families) {
      if (f != nullptr) (void)db->DestroyColumnFamilyHandle(f);
    }
  }

  Status Failure(const std::string& dir, const std::string& what, const rocksdb::Status& s) const {
    std::string message = what + " in job folder '" + dir + "': " + s.ToString();
    if (s.IsNoSpace()) message += " (the disk is full: free some space, then run the same command again)";
    return Status::IoError(std::move(message));
  }

  // The entries of `family` whose key starts with `prefix`, from key `start` on (the prefix if empty).
  template <typename Visit>
  Status Walk(const std::string& dir, Family family, std::string_view prefix, Visit&& visit,
              const std::string& start = "") const {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), families[family]));
    const std::string_view first = start.empty() ? prefix : std::string_view(start);
    for (it->Seek(rocksdb::Slice(first.data(), first.size())); it->Valid(); it->Next()) {
      if (!it->key().starts_with(rocksdb::Slice(prefix.data(), prefix.size()))) break;
      if (!visit(it->key(), it->value())) break;
    }
    if (!it->status().ok()) return Failure(dir, "cannot read the crawl's state", it->status());
    return Status::Ok();
  }
};

JobStore::JobStore(std::string dir, std::unique_ptr<Db> db) : dir_(std::move(dir)), db_(std::move(db)) {}

JobStore::~JobStore() = default;

Result<std::unique_ptr<JobStore>> JobStore::Open(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return Status::IoError("cannot create job folder '" + dir + "': " + error.message());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : kFamilyNames)
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions(DbOptions()));
  auto db = std::make_unique<Db>();
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      rocksdb::DB::Open(rocksdb::DBOptions(DbOptions()), dir, descriptors, &db->families, &raw);
  if (!s.ok()) {
    if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
      return Status::IoError("job folder '" + dir + "' is in use by another crawl (" + s.ToString() + ")");
    }
    return db->Failure(dir, "cannot open the crawl's state", s);
  }
  db->db.reset(raw);
  return std::unique_ptr<JobStore>(new JobStore(dir, std::move(db)));
}

Result<std::unique_ptr<JobStore>> JobStore::OpenForReading(const std::string& dir) {
  std::error_code error;
  if (!std::filesystem::exists(std::filesystem::path(dir) / "CURRENT", error)) {
    return Status::NotFound("'" + dir + "' is not a job folder (no crawl was run with --job " + dir + ")");
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : kFamilyNames) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  auto db = std::make_unique<Db>();
  db->read_only = true;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(DbOptions()), dir, descriptors, &db->families, &raw);
  if (!s.ok()) return db->Failure(dir, "cannot read the crawl's state", s);
  db->db.reset(raw);
  return std::unique_ptr<JobStore>(new JobStore(dir, std::move(db)));
}

Status JobStore::ForEachSeen(const std::function<bool(std::uint64_t)>& visit) const {
  return db_->Walk(dir_, kSeen, "",
                   [&](const rocksdb::Slice& key, const rocksdb::Slice&) { return visit(DecodeKey(key)); });
}

Status JobStore::ForEachQueued(const std::function<bool(std::uint64_t, std::string_view)>& visit,
                               std::uint64_t from) const {
  return db_->Walk(dir_, kFrontier, "", [&](const rocksdb::Slice& key, const rocksdb::Slice& value) {
    return visit(DecodeKey(key), View(value));
  }, from == 0 ? std::string() : EncodeKey(from));
}

Status JobStore::ForEachRobots(const std::function<bool(std::string_view, std::string_view)>& visit) const {
  return db_->Walk(dir_, kRobots, "", [&](const rocksdb::Slice& key, const rocksdb::Slice& value) {
    return visit(View(key), View(value));
  });
}

Status JobStore::ForEachMeta(std::string_view prefix,
                             const std::function<bool(std::string_view, std::string_view)>& visit) const {
  return db_->Walk(dir_, kMeta, prefix, [&](const rocksdb::Slice& key, const rocksdb::Slice& value) {
    return visit(View(key), View(value));
  });
}

Result<std::optional<std::string>> JobStore::Meta(std::string_view key) const {
  std::string value;
  rocksdb::Status s = db_->db->Get(rocksdb::ReadOptions(), db_->families[kMeta],
                                   rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return db_->Failure(dir_, "cannot read the crawl's state", s);
  return std::optional<std::string>(std::move(value));
}

void JobStore::AddSeen(std::uint64_t key) {
  (void)db_->pending.Put(db_->families[kSeen], EncodeKey(key), rocksdb::Slice());
}

void JobStore::PutQueued(std::uint64_t seq, std::string_view value) {
  (void)db_->pending.Put(db_->families[kFrontier], EncodeKey(seq),
                         rocksdb::Slice(value.data(), value.size()));
}

void JobStore::DeleteQueued(std::uint64_t seq) {
  (void)db_->pending.Delete(db_->families[kFrontier], EncodeKey(seq));
}

void JobStore::PutRobots(std::string_view origin, std::string_view value) {
  (void)db_->pending.Put(db_->families[kRobots], rocksdb::Slice(origin.data(), origin.size()),
                         rocksdb::Slice(value.data(), value.size()));
}

void JobStore::PutMeta(std::string_view key, std::string_view value) {
  (void)db_->pending.Put(db_->families[kMeta], rocksdb::Slice(key.data(), key.size()),
                         rocksdb::Slice(value.data(), value.size()));
}

std::size_t JobStore::pending_bytes() const {
  return db_->pending.GetDataSize();
}

Status JobStore::Commit() {
  if (db_->read_only) {
    db_->pending.Clear();
    return Status::Internal("job folder '" + dir_ + "' was opened for reading only");
  }
  rocksdb::WriteOptions options;
  options.sync = true;
  rocksdb::Status s = db_->db->Write(options, &db_->pending);
  db_->pending.Clear();
  if (!s.ok()) return db_->Failure(dir_, "cannot save the crawl's state", s);
  return Status::Ok();
}

}  // namespace arachne
