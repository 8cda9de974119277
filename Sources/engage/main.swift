import EngageCLI

await EngageCommand.runFromCommandLine()
