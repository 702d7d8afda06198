// The arachne-testsite command: list, write and serve, run as a child process.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "testsite/http_test_client.h"
#include "testsite/site.h"

#ifdef ARACHNE_TESTSITE_PATH

namespace arachne::testsite {
namespace {

// Runs the command with `args` and returns its exit status, and its standard output in `out`.
int RunCommand(const std::vector<std::string>& args, std::string* out) {
  std::string command = ARACHNE_TESTSITE_PATH;
  for (const std::string& a : args) command += " '" + a + "'";
  command += " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[65536];
  for (std::size_t n; (n = fread(buffer, 1, sizeof(buffer), pipe)) > 0;) out->append(buffer, n);
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(TestsiteCommandTest, ListPrintsReachable) {
  std::string out;
  ASSERT_EQ(RunCommand({"list", "--base", "http://127.0.0.1:9", "--pages", "80", "--seed", "6"}, &out), 0);
  std::string expected;
  for (const auto& e : Site({.pages = 80, .seed = 6}).Reachable("http://127.0.0.1:9"))
    expected += e.url + "\n";
  EXPECT_EQ(out, expected);
  std::string shallow;
  ASSERT_EQ(
      RunCommand({"list", "--base", "http://127.0.0.1:9", "--pages", "80", "--seed", "6", "--max-depth", "1"},
                 &shallow),
      0);
  EXPECT_LT(shallow.size(), out.size());
}

TEST(TestsiteCommandTest, RejectsBadArguments) {
  std::string out;
  EXPECT_NE(RunCommand({"list", "--base", "ftp://x", "--pages", "5"}, &out), 0);
  EXPECT_NE(RunCommand({"list", "--pages", "5"}, &out), 0);  // --base is required
  EXPECT_NE(RunCommand({"list", "--base", "http://127.0.0.1:9", "--pages", "0"}, &out), 0);
  EXPECT_NE(RunCommand({"frobnicate"}, &out), 0);
  EXPECT_NE(RunCommand({"write", "/proc/arachne-no", "--base", "http://127.0.0.1:9", "--pages", "3"}, &out),
            0);
}

TEST(TestsiteCommandTest, WriteWritesTheTree) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("arachne-testsite-cmd-" + std::to_string(::getpid()));
  std::string out;
  ASSERT_EQ(RunCommand({"write", dir.string(), "--base", "http://127.0.0.1:9", "--pages", "20"}, &out), 0);
  EXPECT_TRUE(std::filesystem::exists(dir / "index.html"));
  EXPECT_TRUE(std::filesystem::exists(dir / "robots.txt"));
  std::filesystem::remove_all(dir);
}

TEST(TestsiteCommandTest, ServePrintsItsUrlAndStopsOnSigterm) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(ARACHNE_TESTSITE_PATH, ARACHNE_TESTSITE_PATH, "serve", "--pages", "30",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  std::string line;
  char c;
  while (line.size() < 200 && read(fds[0], &c, 1) == 1 && c != '\n') line += c;
  close(fds[0]);
  std::string prefix = "http://127.0.0.1:";
  bool printed = line.starts_with(prefix) && line.ends_with("/index.html");
  EXPECT_TRUE(printed) << line;
  if (printed) {
    int port = std::stoi(line.substr(prefix.size()));
    HttpTestClient client(static_cast<std::uint16_t>(port));
    auto reply = client.Send("/index.html");
    EXPECT_TRUE(reply && reply->result_int() == 200);
    if (reply) {
      EXPECT_EQ(reply->body(), Site({.pages = 30}).Get("/index.html", prefix + std::to_string(port)).bytes);
    }
  }
  kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

}  // namespace
}  // namespace arachne::testsite

#endif  // ARACHNE_TESTSITE_PATH
