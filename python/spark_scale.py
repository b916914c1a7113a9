"""Throughput of framescope.spark.analyze on a JSON Lines file in Spark local mode.

    RAYON_NUM_THREADS=1 python python/spark_scale.py "local[2]" articles.jsonl

Reads the file once (cached, 8 partitions), then times the analysis written to
Spark's no-op sink, best of two runs, and prints MB/s of the file."""
import sys, time, os
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
from pyspark.sql import SparkSession
import framescope.spark as fss
master = sys.argv[1]; path = sys.argv[2]
spark = (SparkSession.builder.master(master).config("spark.sql.shuffle.partitions", "4")
         .config("spark.driver.memory", "6g").config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
df = spark.read.json(path).repartition(8).cache()
n = df.count()
mb = os.path.getsize(path) / 1e6
best = 1e9
for _ in range(2):
    t = time.perf_counter()
    fss.analyze(df).write.format("noop").mode("overwrite").save()
    best = min(best, time.perf_counter() - t)
print(f"{master}: {n} articles, {mb:.0f} MB file, analyze {best:.1f} s, {mb / best:.1f} MB/s")
spark.stop()
