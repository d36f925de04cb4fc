"""Times the Spark job (python -m tidings.spark) and samples the memory of all its processes.

    python scripts/spark_bench.py CORPUS OUT MASTER   -> one JSON line: counts, seconds, rows/s, peak MB
"""
import json
import os
import sys
import threading
import time


def tree_rss_kb(root):
    """Sum of VmRSS over `root` and all its descendants (Linux /proc)."""
    children = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(pid))
    total, todo = 0, [root]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def main():
    corpus, out, master = sys.argv[1:4]
    from pyspark.sql import SparkSession
    from tidings import spark as job

    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kb(os.getpid()))
            time.sleep(0.5)

    threading.Thread(target=sample, daemon=True).start()
    spark = (SparkSession.builder.master(master).appName("tidings-bench")
             .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
             .config("spark.executor.memory", "768m")
             .config("spark.sql.shuffle.partitions", "8").getOrCreate())
    try:
        t0 = time.time()
        counts = job.run(spark, corpus, out)
        secs = time.time() - t0
    finally:
        spark.stop()
        done.set()
    print(json.dumps({"master": master, "counts": counts, "seconds": round(secs, 1),
                      "rows_per_s": round(counts["documents"] / secs, 1),
                      "peak_rss_mb": round(peak[0] / 1024)}))


if __name__ == "__main__":
    main()
