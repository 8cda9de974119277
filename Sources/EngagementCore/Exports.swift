// The engine's lower stages are part of its interface: a client of EngagementCore renders
// templates and reads traces without importing each stage.
@_exported import EngageBasics
@_exported import EngageTemplates
