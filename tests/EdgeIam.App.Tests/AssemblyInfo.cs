// One jsii runtime (a node child process) serves the whole test process; keep CDK work on one thread at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
