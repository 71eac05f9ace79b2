import StreamJobsApp

StreamJobsCommand.main()
