using Amazon.CDK;

// An empty CDK app writing its (empty) cloud assembly to args[0]: the floor under any CDK synth on this machine.
new App(new AppProps { Outdir = args[0], AnalyticsReporting = false }).Synth();
